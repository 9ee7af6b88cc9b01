using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;

namespace Shequ.Web.Assessment;

/// <summary>A grade as the resident gave it, already checked against the rules that need no database.</summary>
public sealed record CastGrade(int WorkerId, int ItemId, Grade Grade, string? Reason);

public sealed class BallotBoxOptions
{
    /// <summary>Ballots waiting to be written; beyond this a submission is turned away with 503 and Retry-After.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>The most ballots one transaction takes.</summary>
    public int MaxBatch { get; set; } = 1_000;
}

/// <summary>
/// Group commit for residents' evaluations (performance target P1). Every submission in this process joins one
/// queue; a single writer takes whatever has gathered, looks the tokens up in one query, spends them with one
/// conditional update that returns the ids it changed, inserts the grades and commits once. A submission is answered
/// only after the transaction holding it is durable. The conditional update keeps a token single-use across
/// processes too (item D18): another instance's writer finds the row already spent.
/// </summary>
public sealed class BallotBox(IServiceScopeFactory scopes, TimeProvider time, IOptions<BallotBoxOptions> options, ILogger<BallotBox> log) : BackgroundService
{
    public const string UsedMessage = "这张评议卡已经提交过了，每张只能提交一次。谢谢您！";
    public const string BusyMessage = "提交的人太多，请稍等片刻再提交。";

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Queues one ballot and waits until it is stored or refused.</summary>
    public Task<SubmitResult> CastAsync(string tokenHash, IReadOnlyList<CastGrade> grades, CancellationToken ct)
    {
        var pending = new Pending(tokenHash, grades, new TaskCompletionSource<SubmitResult>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!queue.Writer.TryWrite(pending))
        {
            return Task.FromResult(new SubmitResult(StatusCodes.Status503ServiceUnavailable, BusyMessage, 0));
        }

        // The ballot may already be in a transaction; a client that goes away does not take it back.
        return pending.Result.Task.WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = queue.Reader;
        var batch = new List<Pending>(options.Value.MaxBatch);
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            while (batch.Count < options.Value.MaxBatch && reader.TryRead(out var next))
            {
                batch.Add(next);
            }

            // A batch that has begun is finished even while the host stops, so no waiting resident is left unanswered.
            try
            {
                await WriteAsync(batch, CancellationToken.None);
            }
            catch (Exception ex)
            {
                // One bad ballot must not sink the others: try each on its own before giving up on it.
                log.LogWarning(ex, "An evaluation batch of {Count} failed; writing its ballots one by one.", batch.Count);
                foreach (var one in batch.Where(p => !p.Result.Task.IsCompleted))
                {
                    try
                    {
                        await WriteAsync([one], CancellationToken.None);
                    }
                    catch (Exception single)
                    {
                        log.LogError(single, "An evaluation ballot could not be stored.");
                        one.Result.TrySetResult(new SubmitResult(StatusCodes.Status503ServiceUnavailable, BusyMessage, 0));
                    }
                }
            }

            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
        while (queue.Reader.TryRead(out var left))
        {
            left.Result.TrySetResult(new SubmitResult(StatusCodes.Status503ServiceUnavailable, BusyMessage, 0));
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ShequDbContext>();
        var hashes = batch.Select(p => p.TokenHash).Distinct().ToList();
        var found = await db.EvaluationInvitations.IgnoreQueryFilters().AsNoTracking()
            .Where(i => hashes.Contains(i.TokenHash) || hashes.Contains(i.ShortCodeHash)).ToListAsync(ct);
        var byHash = found.SelectMany(i => new[] { (Hash: i.TokenHash, Invitation: i), (Hash: i.ShortCodeHash, Invitation: i) })
            .GroupBy(x => x.Hash).ToDictionary(g => g.Key, g => g.Select(x => x.Invitation).DistinctBy(i => i.Id).ToList());

        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var accepted = new Dictionary<int, (Pending Ballot, List<Evaluation> Evaluations)>();
        foreach (var p in batch)
        {
            var refusal = Check(p, byHash.GetValueOrDefault(p.TokenHash), now, out var invitation);
            if (refusal is null && accepted.ContainsKey(invitation!.Id))
            {
                refusal = new SubmitResult(StatusCodes.Status409Conflict, UsedMessage, 0);
            }

            if (refusal is not null)
            {
                p.Result.TrySetResult(refusal);
                continue;
            }

            var ballot = Guid.NewGuid();
            accepted[invitation!.Id] = (p, [.. p.Grades.Select(g => Evaluation.Cast(invitation.CampaignId, ballot, g.WorkerId, g.ItemId, g.Grade, g.Reason, today))]);
        }

        if (accepted.Count == 0)
        {
            return;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var spent = await SpendAsync(db, [.. accepted.Keys.Order()], now, ct);
        foreach (var (id, (ballot, evaluations)) in accepted)
        {
            if (spent.Contains(id))
            {
                db.Evaluations.AddRange(evaluations);
            }
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        foreach (var (id, (ballot, evaluations)) in accepted)
        {
            ballot.Result.TrySetResult(spent.Contains(id)
                ? new SubmitResult(StatusCodes.Status201Created, null, evaluations.Count)
                : new SubmitResult(StatusCodes.Status409Conflict, UsedMessage, 0));
        }
    }

    private static SubmitResult? Check(Pending p, List<EvaluationInvitation>? matches, DateTime now, out EvaluationInvitation? invitation)
    {
        invitation = matches is [var only] ? only : null;
        if (invitation is null)
        {
            return new(StatusCodes.Status404NotFound, "评议码无效，请核对后重新输入。", 0);
        }

        if (invitation.UsedAtUtc is not null)
        {
            return new(StatusCodes.Status409Conflict, UsedMessage, 0);
        }

        if (invitation.IsExpired(now))
        {
            return new(StatusCodes.Status410Gone, "这次评议已经结束，评议码已过期。", 0);
        }

        var expected = invitation.Subjects.Select(s => (s.WorkerId, s.ServiceItemId)).ToHashSet();
        var given = p.Grades.Select(g => (g.WorkerId, g.ItemId)).ToList();
        return given.Count == expected.Count && given.ToHashSet().SetEquals(expected)
            ? null
            : new(StatusCodes.Status400BadRequest, "请对卡上每一位工作人员的每一项服务各评一次。", 0);
    }

    /// <summary>
    /// Marks the invitations used and forgets their households, only where still unused, and says which it changed.
    /// The ids come from the database, never from a request, so they are written into the statement as numbers.
    /// </summary>
    private static async Task<HashSet<int>> SpendAsync(ShequDbContext db, IReadOnlyList<int> ids, DateTime now, CancellationToken ct)
    {
        var list = string.Join(",", ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
#pragma warning disable EF1002 // the interpolated part is a list of integers read from the database
        var changed = await db.Database.SqlQueryRaw<int>(
            $$"""UPDATE "EvaluationInvitations" SET "UsedAtUtc" = {0}, "HouseholdId" = NULL WHERE "Id" IN ({{list}}) AND "UsedAtUtc" IS NULL RETURNING "Id" AS "Value" """,
            now).ToListAsync(ct);
#pragma warning restore EF1002
        return [.. changed];
    }

    private sealed record Pending(string TokenHash, IReadOnlyList<CastGrade> Grades, TaskCompletionSource<SubmitResult> Result);
}
