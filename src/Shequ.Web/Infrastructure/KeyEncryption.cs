using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// Data Protection keys (cookies, antiforgery tokens) live in the database so every instance shares them (item E25).
/// With <c>Shequ:DataProtection:CertificateFile</c> (a .pfx, password in <c>Shequ:DataProtection:CertificatePassword</c>)
/// each key is encrypted with the certificate before it is stored, so a copy of the database or a backup does not
/// carry them in the clear. Every instance needs the same certificate; <c>Shequ:DataProtection:PreviousCertificateFiles</c>
/// (comma-separated, same password) still opens keys written under certificates since replaced.
/// Without a certificate, <c>Shequ:DataProtection:Key</c> (32 random bytes in base64, from the same secret store as
/// the personal-data keys) encrypts them with AES-256-GCM. Production refuses to start with neither (issue 15).
/// </summary>
public static class KeyEncryption
{
    public const string Section = "Shequ:DataProtection";

    /// <summary>
    /// Reads the certificates when the host is built: the framework takes decryption certificates only there
    /// (its options for them are internal), so this setting, unlike most, must be in configuration from the start
    /// (appsettings, environment, command line).
    /// </summary>
    public static void Configure(IDataProtectionBuilder dataProtection, IConfiguration config, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(environment);
        if (Certificates(config) is [var current, ..] all)
        {
            dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([.. all]);
        }
        else if (SecretKey(config) is { } key)
        {
            dataProtection.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new SecretKeyXmlEncryptor(key));
        }
        else if (environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"Production stores no Data Protection key in the clear: set {Section}:CertificateFile (a .pfx) or {Section}:Key " +
                "(32 random bytes in base64: openssl rand -base64 32), as for the personal-data keys.");
        }
    }

    /// <summary>The configured key-encryption key, or null when none is set; a malformed one stops the start.</summary>
    internal static byte[]? SecretKey(IConfiguration config)
    {
        if (config[Section + ":Key"] is not { Length: > 0 } text)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text) is { Length: 32 } key ? key : throw new FormatException("not 32 bytes");
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException($"{Section}:Key must be 32 random bytes in base64 (openssl rand -base64 32): {ex.Message}", ex);
        }
    }

    private sealed class SecretKeyXmlEncryptor(byte[] key) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            ArgumentNullException.ThrowIfNull(plaintextElement);
            var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var tag = new byte[AesGcm.TagByteSizes.MaxSize];
            var cipher = new byte[plain.Length];
            using (var aes = new AesGcm(key, tag.Length))
            {
                aes.Encrypt(nonce, plain, cipher, tag);
            }

            var sealedKey = new XElement("sealedKey", new XAttribute("algorithm", "AES-256-GCM"), Convert.ToBase64String([.. nonce, .. tag, .. cipher]));
            return new EncryptedXmlInfo(sealedKey, typeof(SecretKeyXmlDecryptor));
        }
    }

    /// <summary>Made by the framework from the stored key's XML, so it finds the key in configuration itself.</summary>
    public sealed class SecretKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            ArgumentNullException.ThrowIfNull(encryptedElement);
            var key = SecretKey(services.GetRequiredService<IConfiguration>())
                ?? throw new InvalidOperationException($"A stored Data Protection key was sealed with {Section}:Key, which is not configured here.");
            var sealedBytes = Convert.FromBase64String(encryptedElement.Value);
            var nonceSize = AesGcm.NonceByteSizes.MaxSize;
            var tagSize = AesGcm.TagByteSizes.MaxSize;
            var plain = new byte[sealedBytes.Length - nonceSize - tagSize];
            using (var aes = new AesGcm(key, tagSize))
            {
                aes.Decrypt(sealedBytes.AsSpan(0, nonceSize), sealedBytes.AsSpan(nonceSize + tagSize), sealedBytes.AsSpan(nonceSize, tagSize), plain);
            }

            return XElement.Parse(Encoding.UTF8.GetString(plain));
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
