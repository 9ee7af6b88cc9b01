using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Shequ.Data;
using Shequ.Domain.Requests;

namespace Shequ.Web.Modules.Requests;

/// <summary>
/// The scheduled job that escalates requests past their time limit. Each pass is idempotent (a level is
/// raised once and guarded by the row version), so several instances may run it at the same time.
/// </summary>
public sealed class RequestEscalation(IServiceScopeFactory scopes, TimeProvider time, IOptions<RequestOptions> options, ILogger<RequestEscalation> logger) : BackgroundService
{
    public static async Task<int> EscalateAsync(ShequDbContext db, DateTime nowUtc, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var late = await db.ServiceRequests.IgnoreQueryFilters()
            .Where(r => (r.Stage == RequestStage.Dispatched || r.Stage == RequestStage.Handling) && r.DueAtUtc < nowUtc && r.EscalationLevel < 2)
            .OrderBy(r => r.DueAtUtc).Take(500).ToListAsync(ct);
        var raised = late.Count(r => r.Escalate(nowUtc));
        if (raised > 0)
        {
            await db.SaveChangesAsync(ct);
        }

        return raised;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, options.Value.EscalationCheckMinutes));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, time, stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<ShequDbContext>();
                var now = time.GetUtcNow().UtcDateTime;
                var raised = await EscalateAsync(db, now, stoppingToken);
                await Infrastructure.Idempotency.PruneAsync(db, now, stoppingToken);
                if (raised > 0)
                {
                    logger.LogInformation("Escalated {Count} overdue requests", raised);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (DbUpdateException ex)
            {
                // Another instance raised the same request first; the next pass sees the new level.
                logger.LogWarning(ex, "Escalation pass lost a race and will run again");
            }
        }
    }
}
