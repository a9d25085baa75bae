using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using NinSearch.Dashboard.Auth;

namespace NinSearch.Dashboard.OpenApi;

/// <summary>
/// Declares the API's bearer token in the OpenAPI document (<c>components.securitySchemes.bearer</c>) and marks every
/// operation that needs it (those with <see cref="IAuthorizeData"/> metadata) with a security requirement.
/// </summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    private const string SchemeId = "bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeId] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The API token (NinSearch:Api:Token or TokenFile; `nin-search up` writes one to <run-dir>/api-token). " +
                          "Every mutation needs it; reads only with NinSearch:Api:RequireTokenForReads. Without a configured token, mutations are refused.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any()) return Task.CompletedTask;
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeId, context.Document)] = [] });
        return Task.CompletedTask;
    }
}
