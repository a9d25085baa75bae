using System.CommandLine;
using System.Runtime.InteropServices;
using NinSearch.Cli.Client;
using NinSearch.Spec;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// <c>nin-search campaign watch ID</c>: live progress over the campaign's event stream until it ends; exit 0 when it
/// completed, 1 when it was cancelled or failed. Ctrl+C stops watching and leaves the campaign running.
/// </summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "campaign id" };
        var command = new Command("watch", "follow a campaign's progress live until it ends (Ctrl+C stops watching, not the campaign)") { id };
        var options = new ClientOptions(command);
        return options.Runs(command, (session, result, ct) => FollowAsync(session, result.GetValue(id)!, ct));
    }

    /// <summary>Follows campaign <paramref name="id"/> to its end; with <c>--json</c> then prints the campaign as the server shows it.</summary>
    public static async Task<int> FollowAsync(ClientSession session, string id, CancellationToken ct)
    {
        // System.CommandLine 2.0.0 turns Ctrl+C into cancellation only when InvocationConfiguration.ProcessTerminationTimeout
        // is set (its default is null, whatever its docs say), so watching catches SIGINT and SIGTERM itself: stop
        // watching, say so, leave the campaign running. CancelAsync keeps the continuations off the signal thread.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            _ = stop.CancelAsync();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        CampaignStatus status;
        try
        {
            status = await new CampaignWatcher(session.Api, session.Status).WatchAsync(id, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync($"nin-search: stopped watching; campaign {ApiError.Clean(id)} keeps running (`nin-search campaign cancel {ApiError.Clean(id)}` stops it)");
            return 130;
        }
        if (session.Json) session.WriteJson((await session.Api.GetCampaignAsync(id, CancellationToken.None)).Json);
        return status == CampaignStatus.Completed ? 0 : 1;
    }
}
