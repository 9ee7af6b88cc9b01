using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Shequ.Domain.Access;
using Shequ.Domain.Common;
using Shequ.Domain.Registry;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Registry;

public class ResidentPagesTests(ShequFactory app) : IClassFixture<ShequFactory>, IAsyncLifetime
{
    private const string KnownId = "110105198001010016";
    private const string KnownPhone = "13912345678";

    public async ValueTask InitializeAsync()
    {
        if (await app.WithDbAsync((db, _) => db.Users.AnyAsync(u => u.UserName == "reg-worker-a")))
        {
            return;
        }

        await app.CreateUserAsync("reg-worker-a", Roles.CommunityStaff, ShequFactory.CommunityA);
        await app.CreateUserAsync("reg-street-b", Roles.StreetAdmin, ShequFactory.StreetB);
        await app.CreateUserAsync("reg-inspector", Roles.Inspector, "320591");
        var client = await app.SignedInClientAsync("reg-worker-a");
        var response = await client.PostFormAsync("/Registry/Households/Create", new()
        {
            ["Input.RegionCode"] = ShequFactory.CommunityA + "001",
            ["Input.Building"] = "7",
            ["Input.Unit"] = "1",
            ["Input.Room"] = "502",
            ["Input.Dwelling"] = nameof(DwellingType.Apartment),
            ["Head.Name"] = "欧阳测试",
            ["Head.IdNumber"] = KnownId,
            ["Head.Mobile"] = "+86 139 1234 5678",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private Task<Resident> KnownResidentAsync() => app.WithDbAsync((db, sp) =>
    {
        var index = sp.GetRequiredService<IPersonalDataSealer>().BlindIndex(Resident.IdPurpose, KnownId);
        return db.Residents.SingleAsync(r => r.IdIndex == index);
    });

    [Theory]
    [InlineData("欧阳")]
    [InlineData(KnownId)]
    [InlineData("139-1234-5678")]
    public async Task A_resident_is_found_by_name_prefix_exact_id_or_mobile_and_shown_masked(string q)
    {
        var client = await app.SignedInClientAsync("reg-worker-a");
        var response = await client.GetAsync("/Registry/Residents?q=" + Uri.EscapeDataString(q));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            // exact lookups continue under the blind index: the identifier leaves the URL
            var location = response.Headers.Location!.ToString();
            location.ShouldNotContain(KnownId);
            location.ShouldNotContain("12345678");
            response = await client.GetAsync(location);
        }

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("欧阳测试");
        html.ShouldContain("1***************16");
        html.ShouldContain("139****5678");
        html.ShouldNotContain(KnownId);
        html.ShouldNotContain(KnownPhone);
    }

    [Fact]
    public async Task A_full_export_is_a_reveal_that_inspectors_cannot_make()
    {
        var client = await app.SignedInClientAsync("reg-worker-a");
        var export = await client.GetAsync("/Registry/Residents?handler=Export&reveal=true&q=" + Uri.EscapeDataString("欧阳测试"));
        var rows = MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.ShouldContain(r => (string)r["身份证号"] == KnownId);
        (await app.WithDbAsync((db, _) => db.AuditEntries.AnyAsync(a => a.Action == "reveal" && a.Actor == "reg-worker-a" && a.Detail!.Contains("full values")))).ShouldBeTrue();

        var inspector = await app.SignedInClientAsync("reg-inspector");
        (await inspector.GetAsync("/Registry/Residents?handler=Export&reveal=true")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task A_resident_is_found_by_exact_address_through_the_household_index()
    {
        var client = await app.SignedInClientAsync("reg-worker-a");
        var html = await client.GetStringAsync("/Registry/Residents?building=7&unit=1&room=502");
        html.ShouldContain("欧阳测试");
        (await client.GetStringAsync("/Registry/Residents?building=7&unit=1&room=503")).ShouldNotContain("欧阳测试");
    }

    [Fact]
    public async Task Revealing_is_audited_and_an_inspector_may_not_reveal()
    {
        var resident = await KnownResidentAsync();
        var client = await app.SignedInClientAsync("reg-worker-a");
        var page = await client.GetAsync($"/Registry/Residents/Details/{resident.Id}");
        page.Headers.CacheControl!.NoStore.ShouldBeTrue();
        (await page.Content.ReadAsStringAsync()).ShouldNotContain(KnownId);

        var key = resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Task<int> RevealsAsync() => app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(a => a.Action == "reveal" && a.Actor == "reg-worker-a" && a.EntityKey == key));
        var before = await RevealsAsync();
        var revealed = await client.PostFormAsync($"/Registry/Residents/Details/{resident.Id}?handler=Reveal", []);
        var html = await revealed.Content.ReadAsStringAsync();
        html.ShouldContain(KnownId);
        html.ShouldContain(KnownPhone);
        html.ShouldContain("7幢1单元502室");
        (await RevealsAsync()).ShouldBe(before + 1);

        var inspector = await app.SignedInClientAsync("reg-inspector");
        (await inspector.GetStringAsync($"/Registry/Residents/Details/{resident.Id}")).ShouldNotContain("data-testid=\"reveal\"");
        var refused = await inspector.PostFormAsync($"/Registry/Residents/Details/{resident.Id}?handler=Reveal", []);
        refused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain(KnownId);
    }

    [Fact]
    public async Task The_api_finds_a_resident_by_exact_id_masked_and_only_in_scope()
    {
        var worker = app.NewClient();
        worker.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync("reg-worker-a"));
        var json = await worker.GetStringAsync("/api/v1/residents?q=" + KnownId);
        json.ShouldContain("\"total\":1");
        json.ShouldContain("1***************16");
        json.ShouldNotContain(KnownId);

        var other = app.NewClient();
        other.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await app.IssueTokenAsync("reg-street-b"));
        (await other.GetStringAsync("/api/v1/residents?q=" + KnownId)).ShouldContain("\"total\":0");
        var resident = await KnownResidentAsync();
        (await other.GetAsync($"/api/v1/residents/{resident.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await worker.GetAsync($"/api/v1/residents/{resident.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Another_streets_admin_gets_404_for_the_resident_and_the_household()
    {
        var resident = await KnownResidentAsync();
        var client = await app.SignedInClientAsync("reg-street-b");
        (await client.GetAsync($"/Registry/Residents/Details/{resident.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync($"/Registry/Households/Details/{resident.HouseholdId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var index = (await client.GetAsync("/Registry/Residents?q=" + KnownId)).Headers.Location!.ToString();
        (await client.GetStringAsync(index)).ShouldNotContain("欧阳测试");
    }

    [Fact]
    public async Task The_same_person_cannot_be_registered_twice_even_from_another_street()
    {
        var client = await app.SignedInClientAsync("reg-street-b");
        var response = await client.PostFormAsync("/Registry/Households/Create", new()
        {
            ["Input.RegionCode"] = ShequFactory.CommunityB,
            ["Input.Building"] = "1",
            ["Input.Room"] = "101",
            ["Input.Dwelling"] = nameof(DwellingType.Apartment),
            ["Head.Name"] = "重复登记",
            ["Head.IdNumber"] = KnownId,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("该身份证号已在其他地区登记。如需迁入本辖区，请联系区级管理员办理转移。");
        (await app.WithDbAsync((db, _) => db.Residents.IgnoreQueryFilters().CountAsync(r => r.Name == "重复登记"))).ShouldBe(0);
    }

    [Theory]
    [InlineData("110105194912310021", "校验位不正确")]
    [InlineData("1101051949123100", "应为 18 位")]
    public async Task A_bad_id_number_gets_a_clear_message_and_nothing_is_written(string id, string message)
    {
        var client = await app.SignedInClientAsync("reg-worker-a");
        var before = await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().CountAsync());
        var response = await client.PostFormAsync("/Registry/Households/Create", new()
        {
            ["Input.RegionCode"] = ShequFactory.CommunityA,
            ["Input.Building"] = "2",
            ["Input.Room"] = "202",
            ["Input.Dwelling"] = nameof(DwellingType.Apartment),
            ["Head.Name"] = "错号测试",
            ["Head.IdNumber"] = id,
        });

        (await response.Content.ReadAsStringAsync()).ShouldContain(message);
        (await app.WithDbAsync((db, _) => db.Households.IgnoreQueryFilters().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_member_joins_the_household_and_the_export_stays_masked()
    {
        var resident = await KnownResidentAsync();
        var client = await app.SignedInClientAsync("reg-worker-a");
        var child = IdNumber.Compose("110105", new DateOnly(2012, 5, 6), 21).Value;
        (await client.PostFormAsync($"/Registry/Households/AddMember/{resident.HouseholdId}", new()
        {
            ["Person.Name"] = "欧阳小测",
            ["Person.IdNumber"] = child,
            ["Person.Relation"] = nameof(RelationToHead.Child),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await client.GetStringAsync($"/Registry/Households/Details/{resident.HouseholdId}")).ShouldContain("欧阳小测");
        var export = await client.GetAsync("/Registry/Residents?handler=Export&q=" + Uri.EscapeDataString("欧阳"));
        var rows = MiniExcel.Query(await export.Content.ReadAsStreamAsync(), useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        rows.Count.ShouldBe(2);
        rows.ShouldAllBe(r => ((string)r["身份证号"]).Contains("***************"));
        rows.Single(r => (string)r["姓名"] == "欧阳小测")["特殊群体"].ShouldBe("未成年人");
    }

    [Fact]
    public async Task Nothing_personal_reaches_the_logs()
    {
        // Exercise the paths that touch personal data, including a failure, then read every log line.
        var resident = await KnownResidentAsync();
        var client = await app.SignedInClientAsync("reg-worker-a");
        await client.GetAsync("/Registry/Residents?q=" + KnownId);
        await client.PostFormAsync($"/Registry/Residents/Details/{resident.Id}?handler=Reveal", []);
        await client.PostFormAsync("/Registry/Households/Create", new() { ["Input.RegionCode"] = ShequFactory.CommunityA, ["Head.Name"] = "欧阳测试", ["Head.IdNumber"] = KnownId });

        app.Logs.Lines.ShouldNotBeEmpty();
        foreach (var line in app.Logs.Lines)
        {
            line.ShouldNotContain(KnownId);
            line.ShouldNotContain(KnownPhone);
            line.ShouldNotContain("欧阳测试");
            System.Text.RegularExpressions.Regex.IsMatch(line, @"(?<!\d)\d{17}[\dXx](?!\d)").ShouldBeFalse(line);
        }
    }

    [Fact]
    public async Task Seeded_id_numbers_and_phones_never_appear_in_the_raw_database_files()
    {
        if (app.IsPostgres)
        {
            // PostgreSQL: everything the server holds, as a plain-text dump.
            var cs = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString);
            var start = new System.Diagnostics.ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "--format=plain", "--host", cs.Host!, "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username!, cs.Database! })
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["PGPASSWORD"] = cs.Password ?? string.Empty;
            using var dump = System.Diagnostics.Process.Start(start)!;
            var text = await dump.StandardOutput.ReadToEndAsync();
            await dump.WaitForExitAsync();
            dump.ExitCode.ShouldBe(0);
            text.ShouldContain("Residents", Case.Sensitive, "the dump holds the registry");
            foreach (var secret in new[] { KnownId, KnownPhone, "502" + "\u5ba4" })
            {
                text.ShouldNotContain(secret);
            }

            return;
        }

        await app.WithDbAsync(async (db, _) =>
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);");
            return 0;
        });
        foreach (var file in new[] { app.SqliteFile, app.SqliteFile + "-wal" }.Where(File.Exists))
        {
            byte[] raw;
            using (var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            using (var ms = new MemoryStream())
            {
                stream.CopyTo(ms);
                raw = ms.ToArray();
            }

            foreach (var secret in new[] { KnownId, KnownPhone, "502" + "\u5ba4" })
            {
                raw.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)).ShouldBe(-1, $"{secret} found in {Path.GetFileName(file)}");
            }
        }
    }
}
