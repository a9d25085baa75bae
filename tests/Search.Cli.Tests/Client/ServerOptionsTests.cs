using NinSearch.Cli.Client;

namespace NinSearch.Cli.Tests.Client;

public sealed class ServerOptionsTests : IDisposable
{
    private readonly string runFolder = Directory.CreateTempSubdirectory("ninsearch-cli-").FullName;

    public void Dispose() => Directory.Delete(runFolder, recursive: true);

    private static string? NoVariable(string _) => null;

    [Fact]
    public void Server_flag_wins_over_the_url_file_which_wins_over_the_default()
    {
        Assert.Equal(new Uri(ServerOptions.DefaultServer), ServerOptions.Resolve(null, null, runFolder, NoVariable).Server);

        File.WriteAllText(Path.Combine(runFolder, "dashboard.url"), "http://127.0.0.1:6123\n");
        Assert.Equal(new Uri("http://127.0.0.1:6123"), ServerOptions.Resolve(null, null, runFolder, NoVariable).Server);

        Assert.Equal(new Uri("https://search.example:8443/ninsearch"), ServerOptions.Resolve("https://search.example:8443/ninsearch", null, runFolder, NoVariable).Server);
    }

    [Fact]
    public void Token_flag_wins_over_the_variable_which_wins_over_the_token_file()
    {
        var tokenFile = Path.Combine(runFolder, "api-token");
        File.WriteAllText(tokenFile, "from-file\n");
        string? Variable(string name) => name == "NINSEARCH_TOKEN" ? "from-variable" : null;

        var flag = ServerOptions.Resolve(null, "from-flag", runFolder, Variable);
        var variable = ServerOptions.Resolve(null, null, runFolder, Variable);
        var file = ServerOptions.Resolve(null, null, runFolder, NoVariable);

        Assert.Equal(("from-flag", "--token"), (flag.Token, flag.TokenSource));
        Assert.Equal(("from-variable", "NINSEARCH_TOKEN"), (variable.Token, variable.TokenSource));
        Assert.Equal(("from-file", tokenFile), (file.Token, file.TokenSource));
    }

    [Fact]
    public void No_token_anywhere_is_none_and_says_where_it_looked()
    {
        var options = ServerOptions.Resolve(null, null, runFolder, _ => "  ");

        Assert.Null(options.Token);
        Assert.Equal($"--token, NINSEARCH_TOKEN and {Path.Combine(runFolder, "api-token")}", options.TokenSearch);
    }

    [Theory]
    [InlineData("127.0.0.1:5080")]
    [InlineData("ftp://127.0.0.1/")]
    [InlineData("not a url")]
    public void A_server_that_is_not_an_http_url_is_refused_by_name(string server)
    {
        var e = Assert.Throws<ArgumentException>(() => ServerOptions.Resolve(server, null, runFolder, NoVariable));

        Assert.Contains(server, e.Message);
        Assert.Contains("--server", e.Message);
    }
}
