using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Typeset.Configuration;
using Typeset.Model;
using Typeset.Pipeline;

namespace Typeset.Review;

/// <summary>
/// <c>typeset review</c>: serves output/review/index.html on 127.0.0.1 and records the editor's decisions.
/// Only the loopback address is bound, and requests naming another host or coming from another origin are refused,
/// so a web page elsewhere cannot reach it through DNS rebinding or a cross-site form.
/// </summary>
public sealed class ReviewServer : IAsyncDisposable
{
    private const long MaxRequestBytes = 64 * 1024;

    private readonly WebApplication app;

    private ReviewServer(WebApplication app, ReviewSession session, Uri address)
    {
        this.app = app;
        Session = session;
        Address = address;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Address { get; }

    public ReviewSession Session { get; }

    /// <summary>
    /// Starts serving; <paramref name="port"/> 0 picks a free port. Throws <see cref="UsageException"/> when there is no
    /// run to review. <paramref name="rerun"/> runs the pipeline again (the page's Re-run) and returns its summary;
    /// without it the page is told re-running is not available here.
    /// </summary>
    public static async Task<ReviewServer> StartAsync(ProjectPaths paths, int port, CancellationToken cancellation = default, Func<string>? rerun = null)
    {
        var page = Path.Combine(paths.ReviewFolder, ReviewOutput.PageFileName);
        if (!File.Exists(paths.EditLog) || !File.Exists(page))
        {
            throw new UsageException($"{(File.Exists(paths.EditLog) ? page : paths.EditLog)}: not found; run `typeset run` first");
        }

        var session = new ReviewSession(paths.EditLog, paths.Decisions, paths.Dictionaries);
        var scans = new ScanImages(paths.Output);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = paths.ReviewFolder });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();

        var bound = 0;
        app.Use(async (context, next) =>
        {
            if (RefusalReason(context.Request, bound) is { } reason)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.Response.WriteAsJsonAsync(new { error = reason }, DecisionsFile.Options);
                return;
            }

            context.Response.Headers.CacheControl = "no-store";
            context.Response.Headers["X-Content-Type-Options"] = "nosniff";
            await next(context);
        });

        app.MapGet("/", () => Results.File(page, "text/html; charset=utf-8"));
        app.MapGet("/index.html", () => Results.File(page, "text/html; charset=utf-8"));
        app.MapGet("/api/verdicts", () => Results.Json(new { verdicts = session.Verdicts(), run = RunStamp(session) }, DecisionsFile.Options));
        app.MapPost("/api/decisions", async (HttpRequest request) =>
        {
            DecisionBatch? body;
            try
            {
                body = await request.ReadFromJsonAsync<DecisionBatch>(RequestOptions);
            }
            catch (Exception e) when (e is JsonException or BadHttpRequestException or InvalidOperationException)
            {
                return Refuse("not a decision: " + e.Message);
            }

            // One decision as the object itself, or several (a group's accept) under "decisions".
            var items = body?.Decisions ?? (body is null ? [] : [body]);
            if (items.Count == 0 || items.Any(item => item.Kind is null))
            {
                return Refuse("kind is required");
            }

            var at = DateTimeOffset.UtcNow;
            var requests = items
                .Select(item => new DecisionToRecord(
                    new ReviewDecision(at, item.Kind!.Value, item.EditId, item.Rule, item.Before, item.After, item.Word?.Trim()), item.Seen))
                .ToList();
            try
            {
                var outcome = session.Record(requests);
                if (outcome.Problem is { } problem)
                {
                    return Refuse(problem);
                }

                var answer = new { verdicts = session.Verdicts(), conflicts = outcome.Conflicts, written = outcome.Written, run = RunStamp(session) };
                // Decided in another tab meanwhile and nothing else to record: the page shows the verdict it missed.
                return Results.Json(answer, DecisionsFile.Options,
                    statusCode: outcome.Written == 0 && outcome.Conflicts.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Not saved: say so, so the page does not show a decision that the next run would not know.
                return Results.Json(new { error = $"not saved: {e.Message}" }, DecisionsFile.Options, statusCode: StatusCodes.Status500InternalServerError);
            }
        });
        var reruns = new SemaphoreSlim(1, 1);
        app.MapPost("/api/rerun", async () =>
        {
            if (rerun is null)
            {
                return Results.Json(new { error = "this server cannot re-run the pipeline; run `typeset run`" }, DecisionsFile.Options, statusCode: StatusCodes.Status501NotImplemented);
            }

            // One re-run at a time: a second click waits for the first and then runs with any decisions made meanwhile.
            await reruns.WaitAsync();
            try
            {
                var summary = await Task.Run(rerun);
                return Results.Json(new { summary, run = RunStamp(session) }, DecisionsFile.Options);
            }
            catch (Exception e) when (e is UsageException or ProcessingException or ConfigException or IOException or UnauthorizedAccessException)
            {
                return Results.Json(new { error = e.Message }, DecisionsFile.Options, statusCode: StatusCodes.Status500InternalServerError);
            }
            finally
            {
                reruns.Release();
            }
        });
        app.MapGet("/scan/{page:int}", (int page) =>
            scans.Find(page) is { } path ? Results.File(path, ScanImages.ContentType(path)) : Results.NotFound());
        app.MapGet("/scan/{page:int}/crop", (int page, int x, int y, int w, int h, int? m) =>
            scans.Crop(page, new PixelBox(x, y, w, h), Math.Clamp(m ?? 24, 0, 200)) is { } png ? Results.File(png, "image/png") : Results.NotFound());

        await app.StartAsync(cancellation);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        bound = new Uri(address).Port;
        return new ReviewServer(app, session, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{bound}/")));
    }

    private static readonly JsonSerializerOptions RequestOptions = new(DecisionsFile.Options) { RespectRequiredConstructorParameters = false };

    private static IResult Refuse(string problem) => Results.Json(new { error = problem }, DecisionsFile.Options, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>
    /// A decision as the page sends it: no timestamp (the server stamps it), the kind may be missing (then refused),
    /// <see cref="Seen"/> the verdict the page showed for the edit ("accept", "reject", ""), and
    /// <see cref="Decisions"/> several decisions sent together instead.
    /// </summary>
    private sealed record DecisionBatch(
        DecisionKind? Kind, string? EditId, string? Rule, string? Before, string? After, string? Word, string? Seen, List<DecisionBatch>? Decisions);

    /// <summary>Identifies the run whose edits are served: a page from an older run sees it differ and offers to reload.</summary>
    private static string RunStamp(ReviewSession session) => session.RunStamp;

    /// <summary>Null for a request from the review page itself, else why it is refused.</summary>
    internal static string? RefusalReason(HttpRequest request, int port)
    {
        var host = request.Host;
        if (!IsLoopbackName(host.Host) || host.Port != port)
        {
            return $"Host {host} is not this review server";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && origin != $"http://127.0.0.1:{port}" && origin != $"http://localhost:{port}")
        {
            return $"Origin {origin} is not this review server";
        }

        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
        {
            return "cross-site request";
        }

        if (HttpMethods.IsPost(request.Method) && !(request.ContentType ?? string.Empty).StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            // A cross-site HTML form cannot send JSON: requiring it closes that door even for browsers without Origin.
            return "decisions must be sent as application/json";
        }

        return null;
    }

    private static bool IsLoopbackName(string host) =>
        host.Equals("127.0.0.1", StringComparison.Ordinal) || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);

    public Task WaitForShutdownAsync(CancellationToken cancellation = default) => app.WaitForShutdownAsync(cancellation);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
