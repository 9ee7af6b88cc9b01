using Shequ.Web.Modules.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Shequ.Data;
using Shequ.Domain.Opinion;
using Shequ.Domain.Organization;
using Shequ.Web.Infrastructure;
using Shequ.Web.Modules.Opinion;

namespace Shequ.Web.Modules.Opinion;

/// <summary>A contact day: an arranged one (<c>Arranged</c> true, with an id), or for a month not yet arranged the date the district's rule gives (no id, venue or leaders).</summary>
public sealed record ContactDayDto(int? Id, string Community, string CommunityName, DateOnly Date, string Start, string End, string? Venue, IReadOnlyList<string> Leaders, string? Agenda, int? Residents, int? Organizations, int? Enterprises, bool Published, bool Arranged = true);

public sealed record SuggestionDto(int Id, string Community, string Source, string Text, string SuggestedCategory, string? Category, string Status, string Keywords, int? GroupId, string? Unit, DateOnly? ReplyDueOn, string? Reply, bool? RepliedOnTime, int? Rating, DateTime SubmittedAtUtc);

public sealed record SuggestionReceiptDto(int Id, string? FollowUrl, string? FollowToken, string SuggestedCategory);

public sealed record HotTopicsDto(string Region, string Month, int Suggestions, IReadOnlyList<KeywordCount> Keywords, IReadOnlyList<CategoryCount> Categories, IReadOnlyList<TopicGroup> Groups);

public sealed record KeywordCount(string Keyword, int Count);

public sealed record CategoryCount(string Category, int Count);

public sealed record TopicGroup(int GroupId, int Size, string Example);

public static class OpinionEndpoints
{
    public sealed record NewSuggestion(string? Community, string? Text, string? Name, string? Phone, bool Follow);

    public static RouteGroupBuilder MapOpinionEndpoints(this RouteGroupBuilder api)
    {
        var opinion = api.MapGroup("/opinion").WithTags("Opinion");
        opinion.MapGet("/contact-days", ContactDays).AllowAnonymous()
            .WithSummary("Contact days of a community in any year (`community`, `year`): every arranged day the caller may see (anonymous callers: published ones) with date (YYYY-MM-DD), time, venue and leaders, and for each month with none the date the rule gives, marked `arranged: false`.");
        opinion.MapPost("/suggestions", Submit).AsPublicSubmission()
            .WithSummary("Submits a suggestion. Public without sign-in (rate-limited per address; name and phone optional; `follow` returns a private link once). Accepts Idempotency-Key.");
        opinion.MapGet("/suggestions", Suggestions).RequireAuthorization(Policies.SuggestionKeeper)
            .WithSummary("Suggestions in the caller's scope: `community`, `category`, `status`, `month` (YYYY-MM), paging.");
        opinion.MapGet("/hot-topics", HotTopics)
            .WithSummary("Keywords, categories and groups of similar suggestions for a region (`region`) and month (`month`, YYYY-MM).");
        return api;
    }

    internal static ContactDayDto ToDto(ContactDay d, string communityName) => new(
        d.Id, d.CommunityCode, communityName, d.Date, d.StartTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), d.EndTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        d.Venue, [d.LeaderTitle is null ? d.LeaderName : $"{d.LeaderName}（{d.LeaderTitle}）"], d.Agenda, d.Residents, d.Organizations, d.Enterprises, d.IsPublished);

    internal static SuggestionDto ToDto(Suggestion s) => new(
        s.Id, s.CommunityCode, s.Source.ToString(), s.Text, s.SuggestedCategory.ToString(), s.Category?.ToString(), s.Status.ToString(), s.Keywords, s.GroupId,
        s.UnitName, s.ReplyDueOn, s.Reply, s.RepliedOnTime, s.Rating, s.SubmittedAtUtc);

    private static async Task<Results<Ok<List<ContactDayDto>>, ProblemHttpResult>> ContactDays(string? community, int? year, HttpContext http, ShequDbContext db, TimeProvider time, Microsoft.Extensions.Options.IOptions<OpinionOptions> options, CancellationToken ct)
    {
        var y = year ?? time.GetLocalNow().Year;
        if (y is < 1949 or > 2200)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "年份无效", detail: "year 应为 1949–2200 之间的四位年份。");
        }

        var code = community?.Trim() ?? string.Empty;
        var region = await db.Regions.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(r => r.Code == code && r.Level == RegionLevel.Community, ct);
        if (region is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "社区不存在", detail: "请用 community 参数给出社区的 12 位代码。");
        }

        // Published days are public notices; unpublished ones only staff in scope see.
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        var days = signedIn ? db.ContactDays.AsNoTracking() : db.ContactDays.IgnoreQueryFilters().AsNoTracking().Where(d => d.IsPublished);
        var list = await days.Where(d => d.CommunityCode == code && d.Date.Year == y).OrderBy(d => d.Date).ToListAsync(ct);
        var arranged = list.Select(d => d.Date.Month).ToHashSet();
        var settings = options.Value;
        var byRule = settings.RuleFor(code).DaysIn(y).Where(d => !arranged.Contains(d.Month)).Select(d => new ContactDayDto(
            null, code, region.Name, d, settings.DefaultStart.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture), settings.DefaultEnd.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            null, [], null, null, null, null, Published: false, Arranged: false));
        return TypedResults.Ok(list.Select(d => ToDto(d, region.Name)).Concat(byRule).OrderBy(d => d.Date).ToList());
    }

    private static Task<IResult> Submit(NewSuggestion input, HttpContext http, ShequDbContext db, OpinionDesk desk, CancellationToken ct) =>
        Idempotency.RunAsync(http, db, input, async () =>
        {
            var signedIn = http.User.Identity?.IsAuthenticated == true;
            var result = await desk.SubmitAsync(new SuggestionInput(input.Community, input.Text, input.Name, input.Phone, input.Follow), SuggestionSource.PublicForm,
                signedIn ? http.User.Identity!.Name! : Shequ.Domain.Requests.ServiceRequest.RequesterActor, anyCommunity: !signedIn, ct);
            if (result.Busy)
            {
                http.Response.Headers.RetryAfter = Infrastructure.ApiExceptionHandler.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "系统繁忙，请稍后重试", detail: result.Error);
            }

            if (result.Suggestion is null)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["suggestion"] = [result.Error!] }, title: "意见建议不符合要求");
            }

            var receipt = new SuggestionReceiptDto(result.Suggestion.Id, result.FollowToken is { } t ? FollowPath(t) : null, result.FollowToken, result.Suggestion.SuggestedCategory.ToString());
            return TypedResults.Created($"/api/v1/opinion/suggestions/{receipt.Id}", receipt);
        });

    public static string FollowPath(string token) => "/s/" + token;

    private static async Task<Ok<Page<SuggestionDto>>> Suggestions(string? community, OpinionCategory? category, SuggestionStatus? status, string? month, int? page, int? pageSize, ShequDbContext db, CancellationToken ct)
    {
        var query = SuggestionQueries.Filter(db, community, category, status, month, overdueOn: null);
        var result = await query.ToPageAsync(page ?? 1, pageSize ?? Page<Suggestion>.DefaultSize, ct);
        return TypedResults.Ok(new Page<SuggestionDto>([.. result.Items.Select(ToDto)], result.PageNumber, result.PageSize, result.Total));
    }

    private static async Task<Results<Ok<HotTopicsDto>, ProblemHttpResult>> HotTopics(string? region, string? month, ShequDbContext db, CancellationToken ct)
    {
        if (!SuggestionQueries.TryParseMonth(month, out _))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "月份格式不正确", detail: "month 须为 YYYY-MM，例如 2026-11。");
        }

        return TypedResults.Ok(await SuggestionQueries.HotTopicsAsync(db, region, month!, ct));
    }
}
