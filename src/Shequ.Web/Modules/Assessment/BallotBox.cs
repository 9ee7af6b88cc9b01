using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Domain.Common;

namespace Shequ.Web.Modules.Assessment;

/// <summary>A grade as the resident gave it, already checked against the rules that need no database.</summary>
public sealed record CastGrade(int WorkerId, int ItemId, Grade Grade, string? Reason);

/// <summary>A ballot as it waits, sealed whole, for its campaign to close (ADR-011).</summary>
public sealed record ReceivedBallot(Guid Ballot, DateOnly Day, IReadOnlyList<CastGrade> Grades)
{
    public string Seal(IPersonalDataSealer sealer)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        return sealer.Seal(Data.Assessment.PendingBallot.Purpose, JsonSerializer.Serialize(this)).Cipher;
    }

    public static ReceivedBallot Open(IPersonalDataSealer sealer, string cipher)
    {
        ArgumentNullException.ThrowIfNull(sealer);
        return JsonSerializer.Deserialize<ReceivedBallot>(sealer.Open(Data.Assessment.PendingBallot.Purpose, cipher))
            ?? throw new InvalidDataException("a received ballot could not be read");
    }
}

public sealed class BallotBoxOptions
{
    /// <summary>Ballots waiting to be written; beyond this a submission is turned away with 503 and Retry-After.</summary>
    public int QueueCapacity { get; set; } = 20_000;

    /// <summary>The most ballots one transaction takes.</summary>
    public int MaxBatch { get; set; } = 1_000;
}

/// <summary>
/// Group commit for residents' evaluations (performance target P1). Every submission in this process joins one
/// queue; a single writer takes whatever has gathered and, in one transaction, looks each token up, spends it with an
/// update that only succeeds while it is unused and unexpired, stores the ballot sealed whole, and commits once. A
/// submission is answered only after the transaction holding it is durable. The conditional update keeps a token
/// single-use across processes too (item D18): another instance's writer finds the row already spent. The grades
/// become evaluations when the campaign closes (<see cref="CampaignDesk.ReleaseAsync"/>, ADR-011).
/// </summary>
public sealed class BallotBox(IServiceScopeFactory scopes, TimeProvider time, IPersonalDataSealer sealer, IOptions<BallotBoxOptions> options, ILogger<BallotBox> log) : BackgroundService
{
    public const string UsedMessage = "这张评议卡已经提交过了，每张只能提交一次。谢谢您！";
    public const string BusyMessage = "提交的人太多，请稍等片刻再提交。";

    private readonly Channel<Pending> queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.Value.QueueCapacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    /// <summary>Transactions written so far; a benchmark divides ballots by it.</summary>
    public int Batches { get; private set; }

    /// <summary>Queues one ballot and waits until it is stored or refused.</summary>
    public Task<SubmitResult> CastAsync(string tokenHash, bool typedCode, IReadOnlyList<CastGrade> grades, CancellationToken ct)
    {
        var pending = new Pending(tokenHash, typedCode, grades, new TaskCompletionSource<SubmitResult>(TaskCreationOptions.RunContinuationsAsynchronously));
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
        BallotCommands? sql = null;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                while (batch.Count < options.Value.MaxBatch && reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                // A batch that has begun is finished even while the host stops, so no waiting resident is left unanswered.
                try
                {
                    sql ??= await BallotCommands.OpenAsync(scopes, CancellationToken.None);
                    await WriteAsync(sql, batch, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // A broken connection is opened afresh; one bad ballot must not sink the others, so each is tried on its own.
                    if (sql is not null)
                    {
                        await sql.DisposeAsync();
                        sql = null;
                    }

                    log.LogWarning(ex, "An evaluation batch of {Count} failed; writing its ballots one by one.", batch.Count);
                    foreach (var one in batch.Where(p => !p.Result.Task.IsCompleted))
                    {
                        try
                        {
                            sql ??= await BallotCommands.OpenAsync(scopes, CancellationToken.None);
                            await WriteAsync(sql, [one], CancellationToken.None);
                        }
                        catch (Exception single)
                        {
                            log.LogError(single, "An evaluation ballot could not be stored.");
                            if (sql is not null)
                            {
                                await sql.DisposeAsync();
                                sql = null;
                            }

                            one.Result.TrySetResult(new SubmitResult(StatusCodes.Status503ServiceUnavailable, BusyMessage, 0));
                        }
                    }
                }

                batch.Clear();
            }
        }
        finally
        {
            if (sql is not null)
            {
                await sql.DisposeAsync();
            }
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

    private async Task WriteAsync(BallotCommands sql, IReadOnlyList<Pending> batch, CancellationToken ct)
    {
        // SQLite takes the write lock at BEGIN (immediate), so the reads below see what the writes will change.
        await using var tx = await sql.BeginAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(time.GetLocalNow().Date);
        var accepted = new SortedDictionary<int, (Pending Ballot, FoundInvitation Invitation)>();
        foreach (var p in batch)
        {
            var refusal = Check(p, await sql.FindAsync(p.TokenHash, p.TypedCode, ct), now, out var invitation);
            if (refusal is null && accepted.ContainsKey(invitation!.Id))
            {
                refusal = new SubmitResult(StatusCodes.Status409Conflict, UsedMessage, 0);
            }

            if (refusal is not null)
            {
                p.Result.TrySetResult(refusal);
                continue;
            }

            accepted[invitation!.Id] = (p, invitation);
        }

        // In id order, so two instances spending overlapping batches on PostgreSQL wait for each other instead of deadlocking.
        var spent = new HashSet<int>();
        foreach (var (id, (ballot, invitation)) in accepted)
        {
            if (await sql.SpendAsync(id, now, ct))
            {
                spent.Add(id);
                await sql.KeepAsync(invitation.CampaignId, new ReceivedBallot(Guid.NewGuid(), today, ballot.Grades).Seal(sealer), ct);
            }
        }

        await tx.CommitAsync(ct);
        Batches++;
        foreach (var (id, (ballot, _)) in accepted)
        {
            ballot.Result.TrySetResult(spent.Contains(id)
                ? new SubmitResult(StatusCodes.Status201Created, null, ballot.Grades.Count)
                : new SubmitResult(StatusCodes.Status409Conflict, UsedMessage, 0));
        }
    }

    private SubmitResult? Check(Pending p, List<FoundInvitation> matches, DateTime now, out FoundInvitation? invitation)
    {
        invitation = matches is [var only] ? only : null;
        if (invitation is null)
        {
            return new(StatusCodes.Status404NotFound, "评议码无效，请核对后重新输入。", 0);
        }

        if (invitation.Used)
        {
            return new(StatusCodes.Status409Conflict, UsedMessage, 0);
        }

        if (EvaluationInvitation.HasExpired(invitation.ExpiresAtUtc, now))
        {
            return new(StatusCodes.Status410Gone, "这次评议已经结束，评议码已过期。", 0);
        }

        var subjects = invitation.Sealed is null ? [] : EvaluationInvitation.ParseSeal(sealer.Open(EvaluationInvitation.Purpose, invitation.Sealed)).Subjects
            .Select(s => (s.WorkerId, s.ServiceItemId)).ToHashSet();
        var given = p.Grades.Select(g => (g.WorkerId, g.ItemId)).ToList();
        return given.Count == subjects.Count && given.ToHashSet().SetEquals(subjects)
            ? null
            : new(StatusCodes.Status400BadRequest, "请对卡上每一位工作人员的每一项服务各评一次。", 0);
    }

    private sealed record Pending(string TokenHash, bool TypedCode, IReadOnlyList<CastGrade> Grades, TaskCompletionSource<SubmitResult> Result);

    private sealed record FoundInvitation(int Id, int CampaignId, DateTime ExpiresAtUtc, bool Used, string? Sealed);

    /// <summary>
    /// The writer's connection and statements, kept open between batches and run once per ballot: opening a
    /// connection per batch (pool, pragmas, functions) and EF Core's translation and tracking per statement would cost
    /// more than the writes themselves, and ten thousand ballots a second is the target. Values are written as each provider's EF mapping stores them (SQLite: GUIDs as upper-case text, dates
    /// as text), which the tests reading them back through EF check.
    /// </summary>
    private sealed class BallotCommands : IAsyncDisposable
    {
        private const string Find = """
            SELECT i."Id", i."CampaignId", i."ExpiresAtUtc", i."IsUsed", i."Sealed"
            FROM "EvaluationInvitations" i
            """;

        private readonly AsyncServiceScope scope;
        private readonly DbConnection conn;
        private readonly bool sqlite;
        private readonly DbCommand byToken;
        private readonly DbCommand byCode;
        private readonly DbCommand spend;
        private readonly DbCommand insert;

        private BallotCommands(AsyncServiceScope scope, DbConnection conn, bool sqlite)
        {
            (this.scope, this.conn, this.sqlite) = (scope, conn, sqlite);
            DbTransaction? tx = null;
            byToken = Command(conn, tx, Find + """ WHERE i."TokenHash" = @hash""", "@hash");
            byCode = Command(conn, tx, Find + """ WHERE i."ShortCodeHash" = @hash""", "@hash");
            // Spent only while unused and unexpired: a campaign closed meanwhile (its invitations expire at once) takes nothing more.
            spend = Command(conn, tx, """UPDATE "EvaluationInvitations" SET "IsUsed" = @used, "Sealed" = NULL WHERE "Id" = @id AND "IsUsed" = @unused AND "ExpiresAtUtc" > @now""", "@used", "@id", "@unused", "@now");
            insert = Command(conn, tx, """INSERT INTO "EvaluationPendingBallots" ("Id", "CampaignId", "Sealed") VALUES (@id, @campaign, @sealed)""", "@id", "@campaign", "@sealed");
        }

        public static async Task<BallotCommands> OpenAsync(IServiceScopeFactory scopes, CancellationToken ct)
        {
            var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ShequDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            var conn = db.Database.GetDbConnection();
            if (db.Database.IsSqlite())
            {
                // Ballots land on random pages of three indexes; a larger cache than SQLite's 2 MB keeps them in memory.
                await using var cache = conn.CreateCommand();
                cache.CommandText = "PRAGMA cache_size = -32768";
                await cache.ExecuteNonQueryAsync(ct);
            }

            return new BallotCommands(scope, conn, db.Database.IsSqlite());
        }

        public async Task<DbTransaction> BeginAsync(CancellationToken ct)
        {
            var tx = await conn.BeginTransactionAsync(ct);
            foreach (var c in new[] { byToken, byCode, spend, insert })
            {
                c.Transaction = tx;
            }

            return tx;
        }

        public async Task<List<FoundInvitation>> FindAsync(string hash, bool typedCode, CancellationToken ct)
        {
            var command = typedCode ? byCode : byToken;
            command.Parameters[0].Value = hash;
            var found = new List<FoundInvitation>(1);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found.Add(new FoundInvitation(reader.GetInt32(0), reader.GetInt32(1), DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return found;
        }

        /// <summary>Marks the invitation used and forgets its household and subjects, only while it is unused and unexpired; true when this call did it.</summary>
        public async Task<bool> SpendAsync(int invitationId, DateTime nowUtc, CancellationToken ct)
        {
            spend.Parameters[0].Value = true;
            spend.Parameters[1].Value = invitationId;
            spend.Parameters[2].Value = false;
            spend.Parameters[3].Value = nowUtc;
            return await spend.ExecuteNonQueryAsync(ct) == 1;
        }

        /// <summary>Stores a ballot, sealed whole, until its campaign closes.</summary>
        public async Task KeepAsync(int campaignId, string sealedBallot, CancellationToken ct)
        {
            var p = insert.Parameters;
            var id = Guid.NewGuid();
            p[0].Value = sqlite ? id.ToString().ToUpperInvariant() : id;
            p[1].Value = campaignId;
            p[2].Value = sealedBallot;
            await insert.ExecuteNonQueryAsync(ct);
        }

        public async ValueTask DisposeAsync()
        {
            await byToken.DisposeAsync();
            await byCode.DisposeAsync();
            await spend.DisposeAsync();
            await insert.DisposeAsync();
            await scope.DisposeAsync();
        }

        private static DbCommand Command(DbConnection conn, DbTransaction? tx, string text, params string[] parameters)
        {
            var command = conn.CreateCommand();
            command.Transaction = tx;
            command.CommandText = text;
            foreach (var name in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                command.Parameters.Add(p);
            }

            return command;
        }
    }
}
