using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// Data Protection keys (cookies, antiforgery tokens) live in the database so every instance shares them (item E25).
/// With <c>Shequ:DataProtection:CertificateFile</c> (a .pfx, password in <c>Shequ:DataProtection:CertificatePassword</c>)
/// each key is encrypted with the certificate before it is stored, so a copy of the database or a backup does not
/// carry them in the clear. Every instance needs the same certificate; <c>Shequ:DataProtection:PreviousCertificateFiles</c>
/// (comma-separated, same password) still opens keys written under certificates since replaced.
/// </summary>
public static class KeyEncryption
{
    public const string Section = "Shequ:DataProtection";

    /// <summary>
    /// Reads the certificates when the host is built: the framework takes decryption certificates only there
    /// (its options for them are internal), so this setting, unlike most, must be in configuration from the start
    /// (appsettings, environment, command line).
    /// </summary>
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        if (Certificates(config) is [var current, ..] all)
        {
            dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. all]);
        }
    }

    private static List<X509Certificate2> Certificates(IConfiguration config)
    {
        var section = config.GetSection(Section);
        if (section["CertificateFile"] is not { Length: > 0 } file)
        {
            return [];
        }

        var password = section["CertificatePassword"];
        var previous = (section["PreviousCertificateFiles"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        try
        {
            return [.. new[] { file }.Concat(previous).Select(f => X509CertificateLoader.LoadPkcs12FromFile(f, password, X509KeyStorageFlags.EphemeralKeySet))];
        }
        catch (Exception ex) when (ex is IOException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{Section}:CertificateFile cannot be read as a .pfx with the configured password: {ex.Message}", ex);
        }
    }
}
