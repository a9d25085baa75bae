using System.CommandLine;
using NinSearch.Cli;

// System.CommandLine cancels a verb's token on SIGTERM/Ctrl+C only when a termination timeout is set (its default is
// none, and then `up` never saw the signal). The timeout leaves workers time to checkpoint and hand back their leases.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
return await CliApp.Create().Parse(args).InvokeAsync(invocation);
