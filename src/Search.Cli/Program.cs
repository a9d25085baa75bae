using NinSearch.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
