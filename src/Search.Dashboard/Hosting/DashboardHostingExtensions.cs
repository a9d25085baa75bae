using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NinSearch.Dashboard.Auth;
using NinSearch.Dashboard.Campaigns;
using NinSearch.Dashboard.Events;
using NinSearch.Dashboard.OpenApi;
using NinSearch.Dashboard.Ui;
using NinSearch.ServiceDefaults;
using NinSearch.Spec;
using NinSearch.Store;
using NinSearch.Store.Hosting;

namespace NinSearch.Dashboard.Hosting;

/// <summary>Wires the campaign service: cluster client, store read model, API options and token, JSON, problem details, OpenAPI, the UI.</summary>
public static class DashboardHostingExtensions
{
    /// <summary>
    /// Adds what the API needs: <see cref="ApiOptions"/> bound from <see cref="ApiOptions.Section"/> and validated here
    /// (the token file is read now), the bearer-token authentication and its policy, an Orleans client
    /// (<c>NinSearch:Cluster</c>, readiness check <c>cluster</c>), the store and its read model (<c>Store</c>, readiness
    /// check <c>store</c>), the live-update hub, the campaign commands, the UI's services, the project's JSON convention (<see cref="SpecJson"/>) for bodies and
    /// the OpenAPI document, RFC 9457 problem details, and a 503 answer when the cluster or store does not answer.
    /// Call <c>AddServiceDefaults(ApiOptions.Section, [DashboardInstruments.MeterName])</c> before it.
    /// </summary>
    /// <exception cref="OptionsValidationException">The API settings are invalid.</exception>
    public static IHostApplicationBuilder AddNinSearchDashboard(this IHostApplicationBuilder builder, Action<ApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ApiOptions();
        builder.Configuration.GetSection(ApiOptions.Section).Bind(options);
        configure?.Invoke(options);
        var errors = options.Validate().ToList();
        if (errors.Count > 0) throw new OptionsValidationException(ApiOptions.Section, typeof(ApiOptions), errors);
        var services = builder.Services;
        services.TryAddSingleton(Options.Create(options));
        services.TryAddSingleton(ApiToken.From(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<DashboardInstruments>();
        services.TryAddSingleton<CampaignEventHub>();
        services.TryAddSingleton<CampaignCommands>();
        services.AddNinSearchUi();

        services.AddAuthentication(ApiToken.Scheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiToken.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiToken.Policy, policy => policy.AddAuthenticationSchemes(ApiToken.Scheme).RequireAuthenticatedUser());

        builder.AddNinSearchClusterClient();
        if (!services.Any(service => service.ServiceType == typeof(ICampaignStore))) services.AddSearchStore(builder.Configuration);
        services.AddHealthChecks().AddCheck<StoreHealthCheck>(StoreHealthCheck.Name, failureStatus: null, [HealthTags.Ready], TimeSpan.FromSeconds(5));

        services.ConfigureHttpJsonOptions(json => SpecJson.Apply(json.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddOpenApi("v1", openApi =>
        {
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "NinSearch API";
                document.Info.Description = "Submit and follow hyperparameter and architecture search campaigns over Network-in-Network classifiers.";
                return Task.CompletedTask;
            });
            openApi.AddDocumentTransformer<BearerSecurityTransformer>();
            openApi.AddOperationTransformer<BearerSecurityTransformer>();
        });
        return builder;
    }
}
