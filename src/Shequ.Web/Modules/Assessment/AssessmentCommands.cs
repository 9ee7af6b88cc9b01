using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Assessment;
using Shequ.Web.Cli;
using Spectre.Console;

namespace Shequ.Web.Modules.Assessment;

/// <summary>Assessment from the command line: draw a campaign, close a period.</summary>
public static class AssessmentCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("campaign", "create", """
            campaign create --period ID --region CODE [--per-item N] [--max-per-worker N] [--days N]
                                                      draw evaluators at random (the system draws the seed) from the
                                                      households each worker served in the period and start an
                                                      evaluation campaign; prints its counts and seed
            """, CreateCampaignAsync),
        new("campaign", "verify", """
            campaign verify ID                        run a campaign's draw again from its stored seed, rule, frame and
                                                      exclusions; prints MATCH (exit 0) or the first difference (exit 2)
            """, VerifyCampaignAsync),
        new("period", "close", """
            period close --period ID                  close a period and its campaigns (slip keys are destroyed,
                                                      unused codes expire) and print how many workers have a score
            """, ClosePeriodAsync),
    ];

    private static async Task<int> CreateCampaignAsync(CliContext cli)
    {
        var o = cli.Options();
        if (o.ContainsKey("seed"))
        {
            throw new CliException("the seed is drawn by the system when the campaign starts and cannot be given");
        }

        var request = new CampaignRequest(
            CliContext.IntOption(o, "period", 0), CliContext.Required(o, "region"),
            CliContext.IntOption(o, "per-item", SampleRule.Default.PerItem),
            CliContext.IntOption(o, "max-per-worker", SampleRule.Default.MaxPerWorker),
            CliContext.IntOption(o, "days", EvaluationCampaign.DefaultDays));
        (EvaluationCampaign? Campaign, string? Error, int Status) result = default;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var task = ctx.AddTask("sampling evaluators", maxValue: 1);
            result = await cli.Get<CampaignDesk>().StartAsync(request, "cli", default);
            task.Value = 1;
        });
        if (result.Campaign is not { } c)
        {
            throw new CliException(result.Error ?? "the campaign could not start");
        }

        await cli.Stdout.WriteLineAsync($"campaign {c.Id}: {c.Workers} workers, {c.Invitations} households drawn, seed {c.Seed}, open until {c.ExpiresAtUtc.ToLocalTime():yyyy-MM-dd HH:mm}");
        return 0;
    }

    private static async Task<int> VerifyCampaignAsync(CliContext cli)
    {
        if (cli.Args.Length != 3 || !int.TryParse(cli.Args[2], System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new CliException("campaign verify needs a campaign id");
        }

        var campaign = await cli.Get<ShequDbContext>().EvaluationCampaigns.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id) ?? throw new CliException($"no campaign {id}");
        var result = campaign.Verify();
        await cli.Stdout.WriteLineAsync($"campaign {id}: {result.Verdict}");
        return result.Matches ? 0 : 2;
    }

    private static async Task<int> ClosePeriodAsync(CliContext cli)
    {
        var db = cli.Get<ShequDbContext>();
        var periodId = CliContext.IntOption(cli.Options(), "period", 0);
        var period = await db.AssessmentPeriods.SingleOrDefaultAsync(p => p.Id == periodId) ?? throw new CliException($"no period {periodId}");
        if (period.Status != PeriodStatus.Open)
        {
            throw new CliException($"period {period.Label} is already closed");
        }

        var open = await db.EvaluationCampaigns.CountAsync(c => c.PeriodId == periodId && !c.IsClosed);
        var closed = 0;
        var scored = 0;
        var workers = 0;
        await AnsiConsole.Progress().StartAsync(async ctx =>
        {
            var closing = ctx.AddTask("closing campaigns", maxValue: Math.Max(1, open));
            closed = await cli.Get<PeriodDesk>().CloseAsync(period, default, new Progress<int>(n => closing.Value = n));
            closing.Value = closing.MaxValue;
            var scoring = ctx.AddTask("scoring workers", maxValue: 1);
            var board = await cli.Get<ScoreBoard>().ComputeAsync(period, default);
            workers = board.Count;
            scored = board.Count(r => r.Card.Total is not null);
            scoring.Value = 1;
        });
        await cli.Stdout.WriteLineAsync($"period {period.Label} closed: {closed} campaigns closed, {scored} of {workers} workers have a score");
        return 0;
    }
}
