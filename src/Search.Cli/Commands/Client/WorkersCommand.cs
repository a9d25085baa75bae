using System.CommandLine;
using Spectre.Console;

namespace NinSearch.Cli.Commands.Client;

/// <summary>
/// <c>nin-search workers</c>: the workers the server knows, with device, status, running trials and throughput.
/// A top-level verb of its own because <c>nin-search worker</c> runs a worker: <c>worker list</c> would hang a
/// listing off a command that starts a long-running service and shares none of its flags.
/// </summary>
internal static class WorkersCommand
{
    public static Command Create()
    {
        var command = new Command("workers", "list the workers known to the NinSearch server");
        var options = new ClientOptions(command);
        return options.Runs(command, async (session, _, ct) =>
        {
            var workers = await session.Api.ListWorkersAsync(ct);
            if (session.Json) { session.WriteJson(workers.Json); return 0; }
            if (workers.Value.Count == 0) { session.Out.WriteLine("no workers have registered"); return 0; }
            var table = new Table();
            foreach (var column in new[] { "id", "host", "device", "threads", "status", "trials", "images/s", "last heartbeat" }) table.AddColumn(column);
            foreach (var w in workers.Value)
                table.AddRow(Cells.Row(w.Id, w.Host, w.Gpus > 0 ? $"{Cells.Name(w.Device)} x{w.Gpus}" : Cells.Name(w.Device), w.CpuThreads.ToString(),
                    Cells.Name(w.Status), string.Join(' ', w.Trials.Select(t => $"{t.CampaignId}#{t.Number}")),
                    w.ImagesPerSecond?.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) ?? "-", Cells.Time(w.LastHeartbeat)));
            session.Out.Write(table);
            return 0;
        });
    }
}
