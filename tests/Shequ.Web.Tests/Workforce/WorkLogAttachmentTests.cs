using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Workforce;

public partial class WorkLogAttachmentTests(ShequFactory app) : IClassFixture<ShequFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];

    private static async Task<HttpResponseMessage> PostEntryAsync(HttpClient client, string fileName, byte[] content, string summary)
    {
        var token = await ShequFactory.AntiforgeryTokenAsync(client, "/Workforce/WorkLog");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(DateTime.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), "Entry.Date" },
            { new StringContent("Meeting"), "Entry.Category" },
            { new StringContent("40"), "Entry.Minutes" },
            { new StringContent(summary), "Entry.Summary" },
            { new ByteArrayContent(content), "attachment", fileName },
        };
        return await client.PostAsync("/Workforce/WorkLog", form);
    }

    [Fact]
    public async Task An_entry_carries_a_checked_attachment_that_only_readers_of_the_entry_can_fetch()
    {
        var user = await app.CreateUserAsync("att-worker", Roles.SocialWorker, ShequFactory.CommunityA);
        await app.CreateUserAsync("att-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        await app.WithDbAsync(async (db, _) =>
        {
            var worker = await db.Workers.Include(w => w.Assignments).FirstAsync(w => w.Assignments.Any(a => a.RegionCode == ShequFactory.CommunityA));
            worker.LinkAccount(user.Id);
            await db.SaveChangesAsync();
            return 0;
        });
        var client = await app.SignedInClientAsync("att-worker");

        var refused = await PostEntryAsync(client, "photo.png", [0x4D, 0x5A, 0x90, 0x00, .. new byte[64]], "伪装的附件");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a refused attachment is not a 200 (issue 15)");
        (await refused.Content.ReadAsStringAsync()).ShouldContain("内容须与扩展名相符");
        (await app.WithDbAsync((db, _) => db.WorkLog.IgnoreQueryFilters().AnyAsync(e => e.Summary == "伪装的附件"))).ShouldBeFalse();

        // Issue 15: an Office attachment is a ZIP and gets the import's caps; these two were stored and served back.
        var bomb = TestFiles.Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[40 * 1024 * 1024]));
        var hiddenDtd = TestFiles.Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", System.Text.Encoding.Unicode.GetPreamble()
            .Concat(System.Text.Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?><!--" + new string('x', 2000) + "--><!DOCTYPE d [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><d>&e;</d>"))
            .ToArray()));
        foreach (var (file, message) in new[] { (bomb, "压缩炸弹"), (hiddenDtd, "DTD") })
        {
            var office = await PostEntryAsync(client, "记录.docx", file, "办公文档附件");
            office.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await office.Content.ReadAsStringAsync()).ShouldContain(message);
        }

        (await app.WithDbAsync((db, _) => db.WorkLog.IgnoreQueryFilters().AnyAsync(e => e.Summary == "办公文档附件"))).ShouldBeFalse();

        (await PostEntryAsync(client, "会议签到.png", Png, "例会签到")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var week = await client.GetStringAsync("/Workforce/WorkLog");
        var link = AttachmentLink().Match(week).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        link.ShouldNotBeEmpty();
        var download = await client.GetAsync("/Workforce/WorkLog" + link);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Png);

        var other = await app.SignedInClientAsync("att-street-b");
        (await other.GetAsync("/Workforce/WorkLog" + link)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [GeneratedRegex("href=\"(\\?handler=Attachment[^\"]+)\"")]
    private static partial Regex AttachmentLink();
}
