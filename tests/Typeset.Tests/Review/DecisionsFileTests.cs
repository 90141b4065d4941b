using System.Text;
using Typeset.Pipeline;
using Typeset.Review;
using Typeset.Tests.Support;

namespace Typeset.Tests.Review;

public class DecisionsFileTests : IDisposable
{
    private readonly ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    private string PathOf => scratch.File("input/review-decisions.jsonl");

    private static ReviewDecision Reject(string id) => new(DateTimeOffset.UnixEpoch, DecisionKind.Reject, EditId: id);

    [Fact]
    public void A_missing_file_means_no_decisions()
    {
        Assert.Empty(DecisionsFile.Read(PathOf));
    }

    [Fact]
    public void Appended_decisions_read_back_in_order_one_json_object_per_line()
    {
        DecisionsFile.Append(PathOf, Reject("aaaa"));
        DecisionsFile.Append(PathOf, new ReviewDecision(DateTimeOffset.UnixEpoch, DecisionKind.Never, Before: "го-\nсударственный", After: "государственный"));

        var decisions = DecisionsFile.Read(PathOf);

        Assert.Equal([DecisionKind.Reject, DecisionKind.Never], decisions.Select(d => d.Kind));
        Assert.Equal("го-\nсударственный", decisions[1].Before);
        var lines = File.ReadAllText(PathOf).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal("", lines[2]);
        Assert.Contains("\"kind\":\"never\"", lines[1]);
        Assert.Contains("государственный", lines[1]);
    }

    [Fact]
    public void A_line_torn_by_a_crash_is_ignored_and_the_next_append_replaces_it()
    {
        DecisionsFile.Append(PathOf, Reject("aaaa"));
        File.AppendAllText(PathOf, "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"rej");

        Assert.Equal(["aaaa"], DecisionsFile.Read(PathOf).Select(d => d.EditId));

        DecisionsFile.Append(PathOf, Reject("bbbb"));

        Assert.Equal(["aaaa", "bbbb"], DecisionsFile.Read(PathOf).Select(d => d.EditId));
        Assert.DoesNotContain("\"rej\n", File.ReadAllText(PathOf));
    }

    [Fact]
    public void A_hand_written_last_line_without_its_newline_is_kept_by_the_next_append()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf)!);
        File.WriteAllText(PathOf, "{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"reject\",\"editId\":\"hand\"}");

        DecisionsFile.Append(PathOf, Reject("bbbb"));

        Assert.Equal(["hand", "bbbb"], DecisionsFile.Read(PathOf).Select(d => d.EditId));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"at\":\"2026-01-01T00:00:00Z\",\"editId\":\"no-kind\"}")]
    [InlineData("{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"reject\"}")]
    [InlineData("{\"at\":\"2026-01-01T00:00:00Z\",\"kind\":\"maybe\",\"editId\":\"x\"}")]
    public void A_malformed_complete_line_is_an_error_naming_file_and_line(string line)
    {
        DecisionsFile.Append(PathOf, Reject("aaaa"));
        File.AppendAllText(PathOf, line + "\n");
        DecisionsFile.Append(PathOf, Reject("bbbb"));

        var error = Assert.Throws<ProcessingException>(() => DecisionsFile.Read(PathOf));

        Assert.StartsWith($"{PathOf}:2: not a valid review decision", error.Message);
    }

    [Fact]
    public void A_decision_missing_what_its_kind_needs_is_never_written()
    {
        Assert.Throws<ArgumentException>(() => DecisionsFile.Append(PathOf, new ReviewDecision(DateTimeOffset.UnixEpoch, DecisionKind.AcceptRule)));
        Assert.Throws<ArgumentException>(() => DecisionsFile.Append(PathOf, new ReviewDecision(DateTimeOffset.UnixEpoch, DecisionKind.Always, Before: "a", After: "a")));
        Assert.False(File.Exists(PathOf));
    }

    [Fact]
    public void Concurrent_appends_lose_nothing_and_never_interleave()
    {
        const int writers = 8, each = 50;
        var longReason = new string('ж', 3000);

        Parallel.For(0, writers, new ParallelOptions { MaxDegreeOfParallelism = writers }, writer =>
        {
            for (var i = 0; i < each; i++)
            {
                DecisionsFile.Append(PathOf, new ReviewDecision(DateTimeOffset.UnixEpoch, DecisionKind.Never, Before: $"{writer}-{i}", After: longReason));
            }
        });

        var decisions = DecisionsFile.Read(PathOf);
        Assert.Equal(writers * each, decisions.Count);
        Assert.Equal(writers * each, decisions.Select(d => d.Before).Distinct().Count());
        Assert.All(decisions, d => Assert.Equal(longReason, d.After));
    }

    [Fact]
    public async Task Another_process_holding_the_file_lock_delays_an_append_instead_of_corrupting_the_file()
    {
        DecisionsFile.Append(PathOf, Reject("aaaa"));
        var appended = new ManualResetEventSlim();
        Task writer;
        using (new FileStream(PathOf, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            // FileShare.None is an exclusive flock, as another typeset process appending would hold.
            writer = Task.Run(() =>
            {
                DecisionsFile.Append(PathOf, Reject("bbbb"));
                appended.Set();
            });
            Assert.False(appended.Wait(300), "the append must wait for the lock");
        }

        await writer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(["aaaa", "bbbb"], DecisionsFile.Read(PathOf).Select(d => d.EditId));
    }

    [Fact]
    public void The_file_is_UTF8_without_a_byte_order_mark()
    {
        DecisionsFile.Append(PathOf, new ReviewDecision(DateTimeOffset.UnixEpoch, DecisionKind.AddWord, Word: "Хинган"));

        var bytes = File.ReadAllBytes(PathOf);

        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("Хинган", Encoding.UTF8.GetString(bytes));
    }
}
