using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Domain.Opinion;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Opinion;

public sealed class PublicSuggestionLimitFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:Requests:PublicSubmissionsPerWindow"] = "2",
    };
}

public class PublicSuggestionLimitTests(PublicSuggestionLimitFactory app) : IClassFixture<PublicSuggestionLimitFactory>
{
    [Fact]
    public async Task Anonymous_suggestions_beyond_the_limit_get_429_with_retry_after()
    {
        var client = app.NewClient();
        for (var i = 0; i < 2; i++)
        {
            (await client.PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = $"希望增加健身器材 {i}" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var limited = await client.PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = "第三条" });
        limited.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        limited.Headers.Contains("Retry-After").ShouldBeTrue();
        (await client.PostFormAsync($"/voice/{ShequFactory.CommunityA}", new() { ["community"] = ShequFactory.CommunityA, ["text"] = "表单也受限" })).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await app.WithDbAsync((db, _) => db.Suggestions.CountAsync(s => s.Text == "第三条" || s.Text == "表单也受限"))).ShouldBe(0);
    }
}

public class OpinionTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task Contact_days_fall_on_the_second_sunday_with_venue_and_leaders_and_anonymous_callers_see_published_ones()
    {
        var year = DateTime.Now.Year;
        var json = JsonDocument.Parse(await app.NewClient().GetStringAsync($"/api/v1/opinion/contact-days?community={ShequFactory.CommunityA}&year={year}")).RootElement;
        json.GetArrayLength().ShouldBe(12, "the demo publishes the first street's year");
        foreach (var day in json.EnumerateArray())
        {
            var date = DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            date.DayOfWeek.ShouldBe(DayOfWeek.Sunday);
            date.Day.ShouldBeInRange(8, 14);
            day.GetProperty("venue").GetString().ShouldNotBeNullOrWhiteSpace();
            day.GetProperty("leaders").GetArrayLength().ShouldBeGreaterThan(0);
        }

        json.EnumerateArray().Select(d => d.GetProperty("leaders")[0].GetString()).Take(3).Distinct().Count().ShouldBe(3, "leaders take turns month by month");
        json.EnumerateArray().ShouldAllBe(d => d.GetProperty("arranged").GetBoolean());
        var unpublished = JsonDocument.Parse(await app.NewClient().GetStringAsync($"/api/v1/opinion/contact-days?community={ShequFactory.CommunityB}&year={year}")).RootElement;
        unpublished.GetArrayLength().ShouldBe(12, "community B's days are planned but not published: the public sees the rule's dates");
        unpublished.EnumerateArray().ShouldAllBe(d => !d.GetProperty("arranged").GetBoolean() && d.GetProperty("venue").ValueKind == JsonValueKind.Null && d.GetProperty("id").ValueKind == JsonValueKind.Null);
        var staff = await app.BearerClientAsync("op-staff-b", Roles.CommunityStaff, ShequFactory.CommunityB);
        JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/opinion/contact-days?community={ShequFactory.CommunityB}&year={year}")).RootElement.GetArrayLength().ShouldBe(12);
        (await app.NewClient().GetAsync("/api/v1/opinion/contact-days?community=320591&year=2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(2027)]
    [InlineData(2031)]
    public async Task Any_year_answers_with_the_rules_dates_for_months_not_yet_arranged(int year)
    {
        // Issue 16: the API answered an empty list for 2027.
        var json = JsonDocument.Parse(await app.NewClient().GetStringAsync($"/api/v1/opinion/contact-days?community={ShequFactory.CommunityA}&year={year}")).RootElement;

        json.GetArrayLength().ShouldBe(12);
        var dates = json.EnumerateArray().Select(d => DateOnly.ParseExact(d.GetProperty("date").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        dates.ShouldBe(Shequ.Domain.Opinion.ContactDayRule.SecondSunday.DaysIn(year));
        if (year > DateTime.Now.Year + 2)
        {
            json.EnumerateArray().ShouldAllBe(d => !d.GetProperty("arranged").GetBoolean(), "nobody arranges days years ahead");
        }
    }

    [Fact]
    public async Task The_similar_suggestions_beside_one_are_the_others_of_its_group_never_itself()
    {
        var grouped = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().Where(s => s.GroupId != null && s.CommunityCode.StartsWith("320591001"))
            .GroupBy(s => s.GroupId).Where(g => g.Count() > 1).Select(g => g.OrderBy(s => s.Id).Select(s => s.Id).ToList()).FirstAsync());
        await app.CreateUserAsync("op-similar", Roles.StreetAdmin, ShequFactory.StreetA);
        var client = await app.SignedInClientAsync("op-similar");

        var html = await client.GetStringAsync($"/Opinion/Suggestions/Details/{grouped[0]}");
        var listed = System.Text.RegularExpressions.Regex.Match(html, @"data-testid=""similar-suggestions"">(.*?)</ul>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;

        listed.ShouldNotContain($"/Opinion/Suggestions/Details/{grouped[0]}\"");
        foreach (var other in grouped.Skip(1))
        {
            listed.ShouldContain($"/Opinion/Suggestions/Details/{other}\"");
        }

        html.ShouldContain($"相似意见（{grouped.Count - 1} 条）");
    }

    [Fact]
    public async Task The_public_voice_page_groups_communities_by_street_and_never_lists_a_held_day_as_coming()
    {
        var anonymous = app.NewClient();
        var index = await anonymous.GetStringAsync("/voice");
        var streets = System.Text.RegularExpressions.Regex.Matches(index, @"data-testid=""voice-street"">([^<]+)<").Select(m => m.Groups[1].Value).ToList();
        streets.ShouldContain("湖滨街道");
        streets.ShouldBeUnique();
        index.IndexOf("湖滨社区", StringComparison.Ordinal).ShouldBeGreaterThan(index.IndexOf("湖滨街道", StringComparison.Ordinal));

        var today = DateOnly.FromDateTime(DateTime.Now);
        var page = await anonymous.GetStringAsync($"/voice/{ShequFactory.CommunityA}");
        DatesOf(page, "public-contact-day").ShouldAllBe(d => d >= today, "a day already held was listed as coming");
        DatesOf(page, "held-contact-day").ShouldAllBe(d => d < today);
        var publishedSinceLastMonth = await app.WithDbAsync((db, _) => db.ContactDays.IgnoreQueryFilters().CountAsync(d => d.CommunityCode == ShequFactory.CommunityA && d.IsPublished && d.Date < today && d.Date >= today.AddMonths(-1)));
        DatesOf(page, "held-contact-day").Count.ShouldBe(publishedSinceLastMonth);
    }

    private static List<DateOnly> DatesOf(string html, string testId) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, $@"data-testid=""{testId}"">.*?<strong>(\d{{4}}-\d{{2}}-\d{{2}})", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => DateOnly.ParseExact(m.Groups[1].Value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))];

    [Theory]
    [InlineData("0")]
    [InlineData("99999")]
    [InlineData("-5")]
    public async Task A_year_outside_any_calendar_in_use_is_refused_with_400(string year)
    {
        var response = await app.NewClient().GetAsync($"/api/v1/opinion/contact-days?community={ShequFactory.CommunityA}&year={year}");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("年份无效");
    }

    [Fact]
    public async Task A_public_suggestion_gets_a_category_and_group_then_is_routed_answered_published_and_rated()
    {
        var anonymous = app.NewClient();
        var created = await anonymous.PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = "公交站台离小区门口太远，老人上下车不方便", follow = true, phone = "13800001111" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var receipt = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        receipt.GetProperty("suggestedCategory").GetString().ShouldBe("PublicTransport");
        var id = receipt.GetProperty("id").GetInt32();
        var followUrl = receipt.GetProperty("followUrl").GetString()!;

        var stored = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        stored.Source.ShouldBe(SuggestionSource.PublicForm);
        stored.ContactCipher.ShouldNotBeNull().ShouldNotContain("13800001111");
        var seededTwin = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().Where(s => s.Text.StartsWith("小区门口的公交站台太远")).Select(s => s.GroupId).SingleAsync());
        stored.GroupId.ShouldBe(seededTwin, "it says what the seeded contact-day suggestion says");

        await app.CreateUserAsync("op-staff-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        var staff = await app.SignedInClientAsync("op-staff-a");
        var page = $"/Opinion/Suggestions/Details/{id}";
        string Version() => app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.Version).SingleAsync()).Result.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var today = DateOnly.FromDateTime(DateTime.Now);

        var early = await staff.PostFormAsync(page + "?handler=Route", new() { ["kind"] = "Department", ["unit"] = "区交通运输局", ["due"] = today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["version"] = Version() });
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await early.Content.ReadAsStringAsync()).ShouldContain("请先确认类别");

        (await staff.PostFormAsync(page + "?handler=Confirm", new() { ["category"] = "PublicTransport", ["version"] = Version() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var pastDue = await staff.PostFormAsync(page + "?handler=Route", new() { ["kind"] = "Department", ["unit"] = "区交通运输局", ["due"] = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["version"] = Version() });
        pastDue.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a reply deadline lies ahead");
        (await staff.PostFormAsync(page + "?handler=Route", new() { ["kind"] = "Department", ["unit"] = "区交通运输局", ["due"] = today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["version"] = Version() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await staff.PostFormAsync(page + "?handler=Answer", new() { ["reply"] = "已协调公交公司，站点下月前移 200 米。", ["wholeGroup"] = "true", ["version"] = Version() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Issue 16: the reply is a draft until someone with the right publishes it; before that nobody outside reads it.
        var drafted = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        drafted.Status.ShouldBe(SuggestionStatus.Drafted);
        drafted.RepliedOnTime.ShouldBe(true);
        (await anonymous.GetStringAsync($"/voice/{ShequFactory.CommunityA}")).ShouldNotContain("站点下月前移 200 米");
        (await (await anonymous.OpenAsync(followUrl)).Content.ReadAsStringAsync()).ShouldNotContain("站点下月前移 200 米");
        (await anonymous.PostFormAsync("/s", new() { ["rating"] = "4" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a draft is not rated");

        await app.CreateUserAsync("op-sw-page", Roles.SocialWorker, ShequFactory.CommunityA);
        var refused = await (await app.SignedInClientAsync("op-sw-page")).PostFormAsync(page + "?handler=Publish", new() { ["forPublication"] = "true", ["version"] = Version() });
        refused.Headers.Location.ShouldNotBeNull().ToString().ShouldContain("AccessDenied", customMessage: "a social worker drafts but does not publish");
        (await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.Status).SingleAsync())).ShouldBe(SuggestionStatus.Drafted);
        (await staff.PostFormAsync(page + "?handler=Publish", new() { ["forPublication"] = "true", ["wholeGroup"] = "true", ["version"] = Version() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var answered = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().SingleAsync(s => s.Id == id));
        answered.Status.ShouldBe(SuggestionStatus.Replied);
        answered.PublishedBy.ShouldBe("op-staff-a");
        (await anonymous.GetStringAsync($"/voice/{ShequFactory.CommunityA}")).ShouldContain("站点下月前移 200 米");

        var follow = await (await anonymous.OpenAsync(followUrl)).Content.ReadAsStringAsync();
        follow.ShouldContain("站点下月前移 200 米");
        (await anonymous.PostFormAsync("/s", new() { ["rating"] = "4" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.PostFormAsync("/s", new() { ["rating"] = "5" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a reply is rated once");
        (await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().Where(s => s.Id == id).Select(s => s.Rating).SingleAsync())).ShouldBe(4);

        var hot = JsonDocument.Parse(await staff.GetStringAsync($"/api/v1/opinion/hot-topics?region={ShequFactory.CommunityA}&month={today:yyyy-MM}")).RootElement;
        hot.GetProperty("keywords").EnumerateArray().Select(k => k.GetProperty("keyword").GetString()).ShouldContain("公交");
        hot.GetProperty("groups").EnumerateArray().ShouldContain(g => g.GetProperty("size").GetInt32() >= 3);
        (await staff.GetAsync("/api/v1/opinion/hot-topics?month=2026-13")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_suggestions_get_a_clear_message_and_nothing_is_written()
    {
        var before = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().CountAsync());
        var empty = await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = " " });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("请写下您的意见或建议");
        (await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.StreetA, text = "在街道提" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.NewClient().PostAsJsonAsync("/api/v1/opinion/suggestions", new { community = ShequFactory.CommunityA, text = "ok", phone = "123" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_volunteer_enters_and_sorts_their_communitys_suggestions_and_sees_nothing_else()
    {
        await app.CreateUserAsync("op-volunteer-a", Roles.OpinionVolunteer, ShequFactory.CommunityA);
        var volunteer = await app.SignedInClientAsync("op-volunteer-a");
        var day = await app.WithDbAsync((db, _) => db.ContactDays.Where(d => d.CommunityCode == ShequFactory.CommunityA).OrderBy(d => d.Date).Select(d => d.Id).FirstAsync());
        var otherDay = await app.WithDbAsync((db, _) => db.ContactDays.Where(d => d.CommunityCode == ShequFactory.CommunityB).Select(d => d.Id).FirstAsync());

        (await volunteer.GetAsync("/")).Headers.Location!.OriginalString.ShouldContain("/Opinion/Suggestions");
        var entered = await volunteer.PostFormAsync($"/Opinion/ContactDays/Details/{day}?handler=Suggestion", new() { ["text"] = "小区里流浪猫太多，卫生条件差" });
        entered.StatusCode.ShouldBe(HttpStatusCode.Redirect, await entered.Content.ReadAsStringAsync());
        var mine = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().SingleAsync(s => s.Text == "小区里流浪猫太多，卫生条件差"));
        mine.ContactDayId.ShouldBe(day);
        mine.SubmittedBy.ShouldBe("op-volunteer-a");
        (await volunteer.PostFormAsync($"/Opinion/Suggestions/Details/{mine.Id}?handler=Confirm", new() { ["category"] = "Environment", ["version"] = mine.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var sorted = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().SingleAsync(s => s.Id == mine.Id));
        sorted.Category.ShouldBe(OpinionCategory.Environment);

        var route = await volunteer.PostFormAsync($"/Opinion/Suggestions/Details/{mine.Id}?handler=Route", new() { ["kind"] = "Street", ["unit"] = "湖滨街道", ["due"] = DateTime.Today.AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), ["version"] = sorted.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        route.Headers.Location!.OriginalString.ShouldContain("/Account/AccessDenied", Case.Sensitive, "routing is staff work");

        (await volunteer.GetAsync($"/Opinion/ContactDays/Details/{otherDay}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var path in new[] { "/Registry/Residents", "/Requests", "/Services/Records", "/Workforce/Workers" })
        {
            (await volunteer.GetAsync(path)).Headers.Location.ShouldNotBeNull(path).OriginalString.ShouldContain("/Account/AccessDenied", Case.Sensitive, path);
        }

        var api = await app.BearerClientAsync("op-volunteer-a", Roles.OpinionVolunteer, ShequFactory.CommunityA);
        (await api.GetAsync("/api/v1/residents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var list = JsonDocument.Parse(await api.GetStringAsync("/api/v1/opinion/suggestions?pageSize=200")).RootElement;
        list.GetProperty("items").EnumerateArray().ShouldAllBe(s => s.GetProperty("community").GetString() == ShequFactory.CommunityA);
    }

    [Fact]
    public async Task Planning_a_year_adds_missing_days_only_and_the_monthly_summary_exports()
    {
        await app.CreateUserAsync("op-street-a", Roles.StreetAdmin, ShequFactory.StreetA);
        var admin = await app.SignedInClientAsync("op-street-a");
        var next = DateTime.Now.Year + 1;
        (await admin.PostFormAsync("/Opinion/ContactDays?handler=Plan", new() { ["year"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var streetCommunities = await app.WithDbAsync((db, _) => db.Regions.CountAsync(r => r.Level == Shequ.Domain.Organization.RegionLevel.Community && r.Code.StartsWith("320591001")));
        var planned = await app.WithDbAsync((db, _) => db.ContactDays.CountAsync(d => d.Date.Year == next));
        planned.ShouldBe(12 * streetCommunities, "a street admin plans their own street's communities");
        (await admin.PostFormAsync("/Opinion/ContactDays?handler=Plan", new() { ["year"] = next.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await app.WithDbAsync((db, _) => db.ContactDays.CountAsync(d => d.Date.Year == next))).ShouldBe(planned, "planning again adds nothing");

        var export = await admin.GetAsync($"/Opinion/HotTopics?handler=Export&month={DateTime.Now:yyyy-MM}");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        MiniExcelLibs.MiniExcel.GetSheetNames(stream).ShouldBe(["热点关键词", "类别分布", "相似意见组", "承办单位答复情况", "意见建议"]);
    }
}

public class VisitOpinionTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    [Fact]
    public async Task An_opinion_heard_on_a_visit_becomes_a_suggestion_linked_to_the_service_record()
    {
        var account = await app.CreateUserAsync("visit-worker", Roles.SocialWorker, ShequFactory.CommunityA);
        await app.WithDbAsync(async (db, _) =>
        {
            var worker = await db.Workers.FirstAsync(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA));
            worker.LinkAccount(account.Id);
            return await db.SaveChangesAsync();
        });
        var household = await app.WithDbAsync((db, _) => db.Households.Where(h => h.RegionCode.StartsWith(ShequFactory.CommunityA)).Select(h => h.Id).FirstAsync());
        var item = await app.WithDbAsync((db, _) => db.ServiceItems.Where(i => i.Code == "L2-04").Select(i => i.Id).SingleAsync());
        var client = await app.SignedInClientAsync("visit-worker");
        var saved = await client.PostFormAsync("/Services/Records/New", new()
        {
            ["Input.HouseholdId"] = household.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.ServiceItemId"] = item.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.OccurredAt"] = DateTime.Now.AddMinutes(-20).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture), ["Input.Mode"] = "ProactiveVisit",
            ["Input.Provider"] = "Staff", ["Input.Outcome"] = "Completed", ["Input.Minutes"] = "30", ["Input.Opinion"] = "楼下路灯太暗，晚上出门不安全",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

        var suggestion = await app.WithDbAsync((db, _) => db.Suggestions.IgnoreQueryFilters().SingleAsync(s => s.Text == "楼下路灯太暗，晚上出门不安全"));
        suggestion.Source.ShouldBe(SuggestionSource.Visit);
        suggestion.CommunityCode.ShouldBe(ShequFactory.CommunityA);
        var record = await app.WithDbAsync((db, _) => db.ServiceRecords.SingleAsync(r => r.Id == suggestion.ServiceRecordId));
        record.HouseholdId.ShouldBe(household);
    }
}
