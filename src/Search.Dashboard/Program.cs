using NinSearch.Dashboard.Apis;
using NinSearch.Dashboard.Hosting;
using NinSearch.Dashboard.Ui;
using NinSearch.ServiceDefaults;

// The campaign service on its own (`dotnet run --project src/Search.Dashboard`); `nin-search dashboard`, `up` and
// `demo` host the same application through DashboardHost.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ApiOptions.Section, [DashboardInstruments.MeterName], serviceName: ApiOptions.ServiceName);
builder.AddNinSearchDashboard();

var app = builder.Build();
app.UseStreamsEndOnShutdown();
app.MapDefaultEndpoints();
app.MapNinSearchApi();
app.MapNinSearchUi();
app.Run();
