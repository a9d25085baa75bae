using NinSearch.Cli.Client;
using NinSearch.Spec;

namespace NinSearch.Cli.Commands;

/// <summary>
/// Runs a verb's body and turns the errors a user can fix into one clear line on stderr and exit code 2; a refused or
/// failed call to the server (<see cref="ApiException"/>) prints its message and validation lines, never a stack trace.
/// </summary>
internal static class CliAction
{
    public const int UserError = 2;

    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (ApiException e)
        {
            await Console.Error.WriteLineAsync($"nin-search: {e.Describe()}");
            return e.ExitCode;
        }
        catch (Exception e) when (IsUserError(e))
        {
            // A message of several lines (a campaign file with several errors) is several user errors, each on its own line.
            foreach (var line in e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                await Console.Error.WriteLineAsync($"nin-search: {line}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("nin-search: cancelled");
            return 130;
        }
    }

    public static Task<int> Run(Func<int> body) => RunAsync(() => Task.FromResult(body()));

    private static bool IsUserError(Exception e) =>
        e is SpecException or FileNotFoundException or DirectoryNotFoundException or InvalidDataException or ArgumentException
            or NinSearch.Model.Data.DataFormatException;
}
