using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using SkiaSharp;
using Typeset.Edits;
using Typeset.Pipeline;
using Typeset.Review;
using Xunit.Abstractions;

namespace Typeset.Tests.Review;

public sealed class ReviewServerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly ReviewProject project = new("join", "dehyphenate");
    private readonly HttpClient http = new();
    private ReviewServer server = null!;

    public async Task InitializeAsync()
    {
        project.Run();
        server = await ReviewServer.StartAsync(project.Config.Paths, port: 0);
        http.BaseAddress = server.Address;
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
        project.Dispose();
    }

    private IReadOnlyList<EditRecord> Edits => EditLogFile.Read(project.Config.Paths.EditLog);

    private Task<HttpResponseMessage> Post(object decision) => http.PostAsJsonAsync("/api/decisions", decision);

    [Fact]
    public void It_listens_on_the_loopback_address_only()
    {
        Assert.Equal("127.0.0.1", server.Address.Host);
    }

    [Fact]
    public async Task It_serves_the_page_the_run_wrote()
    {
        var page = await http.GetStringAsync("/");

        Assert.Equal(File.ReadAllText(Path.Combine(project.Config.Paths.ReviewFolder, "index.html")), page);
    }

    [Theory]
    [InlineData("evil.example", null)]
    [InlineData("127.0.0.1.nip.io", null)]
    [InlineData(null, "http://evil.example")]
    [InlineData(null, "http://127.0.0.1:1")]
    [InlineData(null, "null")]
    public async Task Requests_for_another_host_or_from_another_origin_are_refused(string? host, string? origin)
    {
        foreach (var (method, path) in new[] { (HttpMethod.Get, "/"), (HttpMethod.Get, "/api/verdicts"), (HttpMethod.Post, "/api/decisions") })
        {
            using var request = new HttpRequestMessage(method, path);
            if (host is not null)
            {
                request.Headers.Host = $"{host}:{server.Address.Port}";
            }

            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (method == HttpMethod.Post)
            {
                request.Content = JsonContent.Create(new { kind = "rejectRule", rule = "join.page-break" });
            }

            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.False(File.Exists(project.Config.Paths.Decisions));
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused()
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "rejectRule", ["rule"] = "join.page-break" });

        using var response = await http.PostAsync("/api/decisions", form);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(File.Exists(project.Config.Paths.Decisions));
    }

    [Fact]
    public async Task A_decision_is_on_disk_when_the_answer_comes_and_the_answer_has_the_new_verdicts()
    {
        var edit = Edits.Single(r => r.Before == "го-\nсударственный");
        var origin = server.Address.GetLeftPart(UriPartial.Authority);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/decisions") { Content = JsonContent.Create(new { kind = "reject", editId = edit.Id }) };
        request.Headers.Add("Origin", origin);

        using var response = await http.SendAsync(request);

        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<VerdictsAnswer>();
        Assert.Equal(new Dictionary<string, bool> { [edit.Id] = false }, body!.Verdicts);
        var saved = Assert.Single(DecisionsFile.Read(project.Config.Paths.Decisions));
        Assert.Equal((DecisionKind.Reject, edit.Id), (saved.Kind, saved.EditId));
        Assert.True(saved.At > DateTimeOffset.UtcNow.AddMinutes(-1), "the server stamps the decision");
    }

    [Fact]
    public async Task Rule_and_change_decisions_reach_every_matching_edit()
    {
        var joins = Edits.Where(r => r.Rule == "join.page-break").Select(r => r.Id).ToHashSet();

        using var response = await Post(new { kind = "rejectRule", rule = "join.page-break" });

        var body = await response.Content.ReadFromJsonAsync<VerdictsAnswer>();
        Assert.Equal(joins, body!.Verdicts.Where(v => !v.Value).Select(v => v.Key).ToHashSet());
    }

    [Theory]
    [InlineData("{\"editId\":\"x\"}", "kind is required")]
    [InlineData("{\"kind\":\"reject\",\"editId\":\"0000000000000000\"}", "no edit 0000000000000000")]
    [InlineData("{\"kind\":\"acceptRule\"}", "rule is required")]
    [InlineData("{\"kind\":\"addWord\",\"word\":\"два слова\"}", "one word only")]
    [InlineData("{\"kind\":\"sometimes\"}", "not a decision")]
    [InlineData("[1,2", "not a decision")]
    public async Task Malformed_decisions_are_refused_and_nothing_is_written(string json, string expected)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("/api/decisions", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
        Assert.False(File.Exists(project.Config.Paths.Decisions));
    }

    [Fact]
    public async Task Concurrent_decisions_are_all_recorded_once()
    {
        var ids = Edits.Select(r => r.Id).ToList();

        // Every decision sent twice at once: the second finds it already so.
        var responses = await Task.WhenAll(Enumerable.Range(0, 2 * ids.Count).Select(i => Post(new { kind = i % 4 < 2 ? "accept" : "reject", editId = ids[i / 2] })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var saved = DecisionsFile.Read(project.Config.Paths.Decisions);
        Assert.Equal(ids.Count, saved.Count);
        Assert.Equal(ids.Count, saved.Select(d => d.EditId).Distinct().Count());
        Assert.All(saved, d => Assert.Equal(d.EditId, d.Anchor!.Id));
    }

    [Fact]
    public async Task Two_tabs_deciding_the_same_edit_record_one_decision_and_the_stale_tab_is_told()
    {
        var id = Edits[0].Id;

        // Both tabs showed the machine's verdict ("") when their editor pressed a key.
        using var first = await Post(new { kind = "reject", editId = id, seen = "" });
        using var same = await Post(new { kind = "reject", editId = id, seen = "" });
        using var contrary = await Post(new { kind = "accept", editId = id, seen = "" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, contrary.StatusCode);
        var answer = await contrary.Content.ReadFromJsonAsync<ConflictAnswer>();
        Assert.Equal([id], answer!.Conflicts);
        Assert.False(answer.Verdicts[id]);
        Assert.Equal([DecisionKind.Reject], DecisionsFile.Read(project.Config.Paths.Decisions).Select(d => d.Kind));

        // Seen the rejection, the editor changes their mind: that is recorded.
        using var changed = await Post(new { kind = "accept", editId = id, seen = "reject" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal([DecisionKind.Reject, DecisionKind.Accept], DecisionsFile.Read(project.Config.Paths.Decisions).Select(d => d.Kind));
    }

    [Fact]
    public async Task A_group_is_decided_in_one_request_and_undone_with_clear()
    {
        var joins = Edits.Where(r => r.Rule == "join.page-break").ToList();

        using var accepted = await Post(new { decisions = joins.Select(r => new { kind = "accept", editId = r.Id, seen = "" }) });
        using var undone = await Post(new { decisions = joins.Select(r => new { kind = "clear", editId = r.Id, seen = "accept" }) });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Empty((await undone.Content.ReadFromJsonAsync<VerdictsAnswer>())!.Verdicts);
        var saved = DecisionsFile.Read(project.Config.Paths.Decisions);
        Assert.Equal(2 * joins.Count, saved.Count);
        Assert.Empty(new EditorDecisions(saved).Unmatched(new HashSet<string> { "join" }, _ => true));
    }

    [Fact]
    public async Task Choosing_a_names_spelling_writes_user_names_once_and_a_bad_choice_is_refused()
    {
        using var chosen = await Post(new { kind = "spellName", after = "Гоминдан", before = "Гоминьдан, Гоминьдана" });
        using var again = await Post(new { kind = "spellName", after = "Гоминдан", before = "Гоминьдан, Гоминьдана" });
        using var bad = await Post(new { kind = "spellName", after = "Гоминдан", before = "Гоминдан" });

        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["Гоминдан\tГоминьдан, Гоминьдана"], File.ReadAllLines(Path.Combine(project.Config.Paths.Dictionaries, "user-names.tsv")));
        Assert.Single(DecisionsFile.Read(project.Config.Paths.Decisions));
    }

    [Fact]
    public async Task A_server_started_without_a_project_says_it_cannot_rerun()
    {
        using var response = await http.PostAsJsonAsync("/api/rerun", new { });

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
        Assert.Contains("typeset run", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Adding_a_word_writes_only_the_decisions_file_and_the_project_dictionary()
    {
        var before = Snapshot();

        using var response = await Post(new { kind = "addWord", word = "отказлся" });
        using var again = await Post(new { kind = "addWord", word = "отказлся" });

        response.EnsureSuccessStatusCode();
        var changed = Snapshot().Where(p => !before.TryGetValue(p.Key, out var hash) || hash != p.Value).Select(p => p.Key).Order().ToList();
        Assert.Equal([Path.Combine("dictionaries", "user-words.txt"), Path.Combine("input", "review-decisions.jsonl")], changed);
        Assert.Equal(["отказлся"], UserWords.Read(UserWords.PathIn(project.Config.Paths.Dictionaries)));
    }

    [Fact]
    public async Task A_decision_round_trip_takes_well_under_100_ms()
    {
        var id = Edits[0].Id;
        await Post(new { kind = "accept", editId = id });

        var clock = Stopwatch.StartNew();
        const int rounds = 50;
        for (var i = 0; i < rounds; i++)
        {
            using var response = await Post(new { kind = i % 2 == 0 ? "reject" : "accept", editId = id });
            response.EnsureSuccessStatusCode();
        }

        var each = clock.Elapsed.TotalMilliseconds / rounds;
        output.WriteLine($"decision round trip (append + fsync + verdicts): {each:0.0} ms on average over {rounds}");
        Assert.Equal(rounds + 1, DecisionsFile.Read(project.Config.Paths.Decisions).Count);
    }

    [Fact]
    public async Task Scan_crops_are_cut_from_the_page_scan_under_output_scans()
    {
        var scans = Directory.CreateDirectory(Path.Combine(project.Config.Paths.Output, "review", "scans")).FullName;
        using (var bitmap = new SKBitmap(400, 300))
        using (var image = SKImage.FromBitmap(bitmap))
        using (var png = image.Encode(SKEncodedImageFormat.Png, 100))
        {
            File.WriteAllBytes(Path.Combine(scans, "page-0003.png"), png.ToArray());
        }

        using var crop = await http.GetAsync("/scan/3/crop?x=100&y=50&w=40&h=20");
        using var full = await http.GetAsync("/scan/3");

        Assert.Equal("image/png", crop.Content.Headers.ContentType?.MediaType);
        using var decoded = SKBitmap.Decode(await crop.Content.ReadAsByteArrayAsync());
        Assert.Equal((40 + 48, 20 + 48), (decoded.Width, decoded.Height));
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/scan/4/crop?x=0&y=0&w=10&h=10")).StatusCode);
    }

    [Theory]
    [InlineData("/scan/..%2F..%2Fpipeline.json")]
    [InlineData("/scan/../../pipeline.json")]
    [InlineData("/scan/%2e%2e%2f%2e%2e%2finput%2frazgrom-yaponii.ocr.md")]
    [InlineData("/scan/3%2F..%2F..%2F..%2Fpipeline.json")]
    [InlineData("/scan/-1")]
    [InlineData("/scan/9")]
    [InlineData("/scan/9/crop?x=0&y=0&w=10&h=10")]
    [InlineData("/review/edits.jsonl")]
    [InlineData("/../pipeline.json")]
    [InlineData("/book.md")]
    public async Task No_path_reaches_a_file_outside_the_scans(string path)
    {
        var scans = Directory.CreateDirectory(Path.Combine(project.Config.Paths.Output, "review", "scans")).FullName;
        // A scan that is a link to a file outside the folder is not served either.
        File.CreateSymbolicLink(Path.Combine(scans, "page-0009.png"), Path.Combine(project.Folder, "pipeline.json"));

        using var response = await http.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        Assert.DoesNotContain("\"stages\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_run_while_the_server_is_up_makes_its_new_edits_decidable()
    {
        var input = Directory.GetFiles(project.Config.Paths.Input, "*.md").Single();
        File.AppendAllText(input, "\n\nНовый абзац с перено-\nсом строки.\n");
        project.Run();
        var added = Edits.Single(r => r.Before == "перено-\nсом");

        using var response = await Post(new { kind = "accept", editId = added.Id });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_run_there_is_nothing_to_review()
    {
        using var empty = new ReviewProject();

        var error = await Assert.ThrowsAsync<UsageException>(() => ReviewServer.StartAsync(empty.Config.Paths, 0));

        Assert.Contains("run `typeset run` first", error.Message);
    }

    private Dictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(project.Folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(project.Folder, f), f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));

    private sealed record VerdictsAnswer(Dictionary<string, bool> Verdicts);

    private sealed record ConflictAnswer(Dictionary<string, bool> Verdicts, List<string> Conflicts);
}
