using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.EntityFrameworkCore;
using Shequ.Domain.Access;
using Shequ.Web.Tests.Infrastructure;

namespace Shequ.Web.Tests.Access;

/// <summary>An instance whose Data Protection keys are encrypted with a certificate before they are stored.</summary>
public sealed class KeyEncryptingFactory : ShequFactory
{
    private const string PfxPassword = "test-only-password";

    private static readonly Lazy<string> CertificateFile = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Shequ key encryption (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var file = Path.Combine(Path.GetTempPath(), $"shequ-dp-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(file, certificate.Export(X509ContentType.Pfx, PfxPassword));
        return file;
    });

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:DataProtection:CertificateFile"] = CertificateFile.Value,
        ["Shequ:DataProtection:CertificatePassword"] = PfxPassword,
    };
}

/// <summary>An instance whose Data Protection keys are sealed with a key from the secret store, no certificate.</summary>
public sealed class SecretKeyEncryptingFactory : ShequFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Shequ:DataProtection:Key"] = TestKeys.DataProtection,
    };
}

public sealed class SecretKeyEncryptingHosts : TwoHostsOnOneDatabase<SecretKeyEncryptingFactory>;

/// <summary>The same promise with the secret-store key, which Production may use instead of a certificate (issue 15).</summary>
public class SecretKeyEncryptionTests(SecretKeyEncryptingHosts hosts) : IClassFixture<SecretKeyEncryptingHosts>
{
    [Fact]
    public Task Keys_are_stored_sealed_with_the_secret_key_and_another_instance_with_it_opens_them() =>
        KeyEncryptionTests.KeysAreSealedAndSharedAsync(hosts.A, hosts.B, "secret-key-at-rest");
}

/// <summary>Two instances sharing one database and one key-encryption certificate.</summary>
public sealed class KeyEncryptingHosts : TwoHostsOnOneDatabase<KeyEncryptingFactory>;

/// <summary>Item E25 at rest: the shared keys are not readable from the database or its backups.</summary>
public class KeyEncryptionTests(KeyEncryptingHosts hosts) : IClassFixture<KeyEncryptingHosts>
{
    [Fact]
    public Task Keys_are_stored_encrypted_with_the_certificate_and_another_instance_with_it_opens_them() =>
        KeysAreSealedAndSharedAsync(hosts.A, hosts.B, "key-at-rest");

    internal static async Task KeysAreSealedAndSharedAsync(ShequFactory a, ShequFactory b, string userName)
    {
        await a.CreateUserAsync(userName, Roles.Inspector, "320591");
        var toA = a.NewClient();
        var signIn = await ShequFactory.PostSignInAsync(toA, userName, ShequFactory.Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var session = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();

        var stored = await a.WithDbAsync((db, _) => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        stored.ShouldNotBeEmpty();
        stored.ShouldAllBe(xml => xml.Contains("<encryptedSecret", StringComparison.Ordinal) && !xml.Contains("<value>", StringComparison.Ordinal));

        // B has never seen the key: it reads it from the database and must decrypt it to accept A's cookie.
        var toB = b.NewClient();
        using var home = new HttpRequestMessage(HttpMethod.Get, "/");
        home.Headers.Add("Cookie", string.Join("; ", session));
        (await toB.SendAsync(home)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
