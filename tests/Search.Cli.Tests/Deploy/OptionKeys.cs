using System.Collections;
using System.Reflection;
using NinSearch.Dashboard.Hosting;
using NinSearch.ServiceDefaults;
using NinSearch.Silo.Hosting;
using NinSearch.Store;
using NinSearch.Worker;
using NinSearch.Worker.Hosting;
using NinSearch.Worker.Runners;

namespace NinSearch.Cli.Tests.Deploy;

/// <summary>
/// Whether an environment variable names a setting the applications read: <c>NinSearch__Silo__LeaseDuration</c> must
/// be a property of an options class bound from section <c>NinSearch:Silo</c> (nested ones too, e.g.
/// <c>NinSearch__Silo__Validation__MaxDimensions</c>), found by reflection, so a misspelt or removed option fails.
/// </summary>
internal static class OptionKeys
{
    /// <summary>Each configuration section the services bind, with the options types bound from it.</summary>
    private static readonly (string Section, Type[] Types)[] Sections =
    [
        (StoreOptions.SectionName, [typeof(StoreOptions)]),
        (SiloOptions.Section, [typeof(SiloOptions), typeof(MetricsEndpointOptions)]),
        (SiloOptions.MembershipSection, [typeof(Orleans.Configuration.ClusterMembershipOptions)]),
        (WorkerOptions.Section, [typeof(WorkerOptions), typeof(ClusterClientOptions), typeof(MetricsEndpointOptions)]),
        (WorkerHostingExtensions.NoOpSection, [typeof(NoOpRunnerOptions)]),
        (ClusterClientOptions.Section, [typeof(ClusterClientOptions)]),
        (ApiOptions.Section, [typeof(ApiOptions), typeof(MetricsEndpointOptions)]),
    ];

    /// <summary>Variables the .NET runtime and ASP.NET Core read themselves.</summary>
    private static readonly HashSet<string> Runtime = new(StringComparer.OrdinalIgnoreCase) { "ASPNETCORE_HTTP_PORTS", "DOTNET_gcServer" };

    public static bool Exists(string variable)
    {
        if (Runtime.Contains(variable)) return true;
        var path = variable.Split("__");
        foreach (var (section, types) in Sections.OrderByDescending(s => s.Section.Length))
        {
            var parts = section.Split(':');
            if (path.Length <= parts.Length || !path.Take(parts.Length).SequenceEqual(parts, StringComparer.OrdinalIgnoreCase)) continue;
            return types.Any(type => Resolves(type, path[parts.Length..]));
        }
        return false;
    }

    private static bool Resolves(Type type, string[] path)
    {
        var current = type;
        foreach (var segment in path)
        {
            if (current != typeof(string) && typeof(IEnumerable).IsAssignableFrom(current))
            {
                // An array or list element by index, or a dictionary entry by key: any segment names one.
                current = current.IsArray ? current.GetElementType()! : current.GetGenericArguments().Last();
                continue;
            }
            var property = current.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null || (property.SetMethod is not { IsPublic: true } && !IsBoundInPlace(property.PropertyType))) return false;
            current = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    // The binder fills a get-only property of a class type in place (e.g. a nested options object).
    private static bool IsBoundInPlace(Type type) => type.IsClass && type != typeof(string);
}
