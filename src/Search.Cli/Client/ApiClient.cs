using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NinSearch.Spec;
using NinSearch.Store.ReadModel;

namespace NinSearch.Cli.Client;

/// <summary>
/// A typed client of the NinSearch REST API (<c>{server}/api/v1</c>): the read model's records in, the server's JSON
/// kept beside them. Sends <c>Authorization: Bearer</c> whenever a token was found. Every failure is an
/// <see cref="ApiException"/> with a message people can act on: the server unreachable, a token missing or wrong,
/// problem details (title, detail, validation errors by path), a timeout, or JSON this client cannot read. Not
/// thread-safe to configure; safe to call concurrently once built.
/// </summary>
public sealed class ApiClient(HttpClient http, ServerOptions server)
{
    /// <summary>
    /// The project's JSON convention (<see cref="SpecJson.Compact"/>), except that unknown members are skipped: a
    /// newer server may add fields and an older client must still read its answers.
    /// </summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    /// <summary>How long one request (answer included) may take, event streams and export bodies excepted. Default 30 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public ServerOptions Server => server;

    /// <summary>A client for <paramref name="server"/> with its own connection settings (connect timeout 5 s; no overall timeout: streams last).</summary>
    public static ApiClient Create(ServerOptions server) =>
        new(new HttpClient(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = Timeout.InfiniteTimeSpan }, server);

    public Task<ApiResponse<CampaignSummary>> SubmitAsync(string campaignJson, CancellationToken ct = default) =>
        SendJsonAsync<CampaignSummary>(HttpMethod.Post, "campaigns", new StringContent(campaignJson, Encoding.UTF8, "application/json"), ct);

    public Task<ApiResponse<IReadOnlyList<CampaignSummary>>> ListCampaignsAsync(CancellationToken ct = default) =>
        SendJsonAsync<IReadOnlyList<CampaignSummary>>(HttpMethod.Get, "campaigns", null, ct);

    public Task<ApiResponse<CampaignDetail>> GetCampaignAsync(string id, CancellationToken ct = default) =>
        SendJsonAsync<CampaignDetail>(HttpMethod.Get, $"campaigns/{Escape(id)}", null, ct);

    public Task<ApiResponse<CampaignSummary>> CancelAsync(string id, string? reason, CancellationToken ct = default) =>
        SendJsonAsync<CampaignSummary>(HttpMethod.Post, $"campaigns/{Escape(id)}/cancel",
            new StringContent(JsonSerializer.Serialize(new CancelRequest(reason), Json), Encoding.UTF8, "application/json"), ct);

    public Task<ApiResponse<LeaderboardPage>> GetLeaderboardAsync(string id, LeaderboardQuery query, CancellationToken ct = default)
    {
        var parameters = new List<string>
        {
            $"sort={SnakeCase(query.Sort)}", $"order={(query.Descending ? "desc" : "asc")}", $"offset={query.Offset}", $"limit={query.Limit}",
        };
        if (query.Status is { } status) parameters.Add($"status={SnakeCase(status)}");
        return SendJsonAsync<LeaderboardPage>(HttpMethod.Get, $"campaigns/{Escape(id)}/leaderboard?{string.Join('&', parameters)}", null, ct);
    }

    public Task<ApiResponse<CampaignHistory>> GetHistoryAsync(string id, CancellationToken ct = default) =>
        SendJsonAsync<CampaignHistory>(HttpMethod.Get, $"campaigns/{Escape(id)}/history", null, ct);

    public Task<ApiResponse<ParetoView>> GetParetoAsync(string id, CancellationToken ct = default) =>
        SendJsonAsync<ParetoView>(HttpMethod.Get, $"campaigns/{Escape(id)}/pareto", null, ct);

    public Task<ApiResponse<TrialDetail>> GetTrialAsync(string id, int number, CancellationToken ct = default) =>
        SendJsonAsync<TrialDetail>(HttpMethod.Get, $"campaigns/{Escape(id)}/trials/{number}", null, ct);

    public Task<ApiResponse<TrialComparison>> CompareAsync(string id, IReadOnlyList<int> numbers, CancellationToken ct = default) =>
        SendJsonAsync<TrialComparison>(HttpMethod.Get, $"campaigns/{Escape(id)}/compare?trials={string.Join(',', numbers)}", null, ct);

    public Task<ApiResponse<IReadOnlyList<WorkerSummary>>> ListWorkersAsync(CancellationToken ct = default) =>
        SendJsonAsync<IReadOnlyList<WorkerSummary>>(HttpMethod.Get, "workers", null, ct);

    /// <summary>
    /// Downloads a campaign's export (its best trial), or trial <paramref name="trial"/>'s, into
    /// <paramref name="destination"/>; returns the file name the server suggests, if any.
    /// </summary>
    public async Task<string?> DownloadExportAsync(string id, int? trial, Stream destination, CancellationToken ct = default)
    {
        var path = trial is { } n ? $"campaigns/{Escape(id)}/trials/{n}/export" : $"campaigns/{Escape(id)}/export";
        using var response = await SendAsync(HttpMethod.Get, path, null, null, ct);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await body.CopyToAsync(destination, ct);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            throw new ApiException($"the download from the NinSearch server at {ApiError.Origin(server.Server)} broke off: {ApiError.Clean(e.Message)}", inner: e);
        }
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName;
        return name is null ? null : Path.GetFileName(name.Trim('"'));
    }

    /// <summary>
    /// The campaign's live events (<c>snapshot</c> first, then updates) until the server ends the stream.
    /// <paramref name="lastEventId"/> resumes after an event already seen. A stream that breaks off ends the enumeration
    /// quietly (the caller decides whether to reconnect); failing to connect throws.
    /// </summary>
    public async IAsyncEnumerable<ServerSentEvent> StreamEventsAsync(string id, string? lastEventId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        using var response = await SendAsync(HttpMethod.Get, $"campaigns/{Escape(id)}/events", null, request =>
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is not null) request.Headers.Add("Last-Event-ID", lastEventId);
        }, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        await using var events = ServerSentEventReader.ReadAsync(stream, ct).GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync()) yield break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && !ct.IsCancellationRequested)
            {
                yield break;
            }
            yield return events.Current;
        }
    }

    /// <summary>Reads a JSON document of the API; errors name the server.</summary>
    public T Deserialize<T>(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Json) ?? throw new JsonException("the answer is null");
        }
        catch (JsonException e)
        {
            throw new ApiException($"the NinSearch server at {ApiError.Origin(server.Server)} answered JSON this client cannot read ({ApiError.Clean(e.Message)}); is it another version?", inner: e);
        }
    }

    private async Task<ApiResponse<T>> SendJsonAsync<T>(HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await SendAsync(method, path, content, null, timeout.Token);
            var json = await response.Content.ReadAsStringAsync(timeout.Token);
            return new ApiResponse<T>(Deserialize<T>(json), json.Trim());
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new ApiException($"the NinSearch server at {ApiError.Origin(server.Server)} did not answer within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw new ApiException($"the answer of the NinSearch server at {ApiError.Origin(server.Server)} broke off: {ApiError.Clean(e.Message)}", inner: e);
        }
    }

    // Sends and checks the status; the caller owns (and disposes) a successful response, whose body is not yet read.
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage>? configure,
        CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(BaseUri, path)) { Content = content };
        if (server.Token is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        configure?.Invoke(request);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e) when (IsUnreachable(e))
        {
            throw new ApiException($"cannot reach the NinSearch server at {ApiError.Origin(server.Server)} (is `nin-search up` running?)", inner: e);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException($"the request to the NinSearch server at {ApiError.Origin(server.Server)} failed: {ApiError.Clean(e.Message)}", inner: e);
        }
        if (response.IsSuccessStatusCode) return response;
        using (response)
        {
            string body;
            try { body = await response.Content.ReadAsStringAsync(ct); }
            catch (HttpRequestException) { body = ""; }
            throw ApiError.ToException(response.StatusCode, response.ReasonPhrase, body, server);
        }
    }

    private Uri BaseUri => new($"{server.Server.GetLeftPart(UriPartial.Path).TrimEnd('/')}/api/v1/");

    private static bool IsUnreachable(HttpRequestException e) =>
        e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError || e.InnerException is SocketException;

    private static string Escape(string id) => Uri.EscapeDataString(id);

    private static string SnakeCase<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(SpecJson.Compact) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed record CancelRequest(string? Reason);
}
