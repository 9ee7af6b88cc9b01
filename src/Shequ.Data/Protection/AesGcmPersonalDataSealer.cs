using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Shequ.Domain.Common;

namespace Shequ.Data.Protection;

/// <summary>Settings under Shequ:PersonalData. Keys are 32 random bytes, base64; they never live in the database.</summary>
public sealed class PersonalDataOptions
{
    /// <summary>The key new values are sealed with.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Every key still needed to open old values, by id (letters and digits).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The HMAC key of the blind index. It cannot rotate without re-indexing every row.</summary>
    public string? BlindIndexKey { get; set; }

    /// <summary>
    /// Where Development keeps a generated key ring when none is configured (outside the database, never in git).
    /// Production refuses to start without configured keys.
    /// </summary>
    public string? DevelopmentKeyFile { get; set; }
}

/// <summary>
/// AES-256-GCM with a random 96-bit nonce and the field's purpose as associated data, so a value cannot be
/// moved to another column unnoticed. Stored as "keyId:base64url(nonce‖ciphertext‖tag)"; the key id lets a
/// rotated ring open old rows. The blind index is HMAC-SHA256 over purpose and value, truncated to 128 bits.
/// </summary>
public sealed class AesGcmPersonalDataSealer : IPersonalDataSealer
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Dictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly byte[] _indexKey;

    public AesGcmPersonalDataSealer(PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = options.Keys.ToDictionary(kv => kv.Key, kv => DecodeKey(kv.Value, $"Keys:{kv.Key}"), StringComparer.Ordinal);
        if (options.ActiveKeyId is null || !_keys.ContainsKey(options.ActiveKeyId))
        {
            throw new InvalidOperationException("Shequ:PersonalData:ActiveKeyId must name one of Shequ:PersonalData:Keys.");
        }

        if (_keys.Keys.Any(id => id.Length == 0 || !id.All(char.IsAsciiLetterOrDigit)))
        {
            throw new InvalidOperationException("Personal-data key ids are letters and digits only.");
        }

        _activeKeyId = options.ActiveKeyId;
        _indexKey = DecodeKey(options.BlindIndexKey, "BlindIndexKey");
    }

    public SealedValue Seal(string purpose, string plaintext) => new(Encrypt(purpose, plaintext), BlindIndex(purpose, plaintext));

    public string Open(string purpose, string cipher)
    {
        ArgumentNullException.ThrowIfNull(cipher);
        var colon = cipher.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !_keys.TryGetValue(cipher[..colon], out var key))
        {
            throw new CryptographicException("The value was sealed with a key this key ring does not hold.");
        }

        var blob = WebEncoders.Base64UrlDecode(cipher[(colon + 1)..]);
        if (blob.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is truncated.");
        }

        var plaintext = new byte[blob.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(blob.AsSpan(0, NonceSize), blob.AsSpan(NonceSize, plaintext.Length), blob.AsSpan(blob.Length - TagSize), plaintext, Encoding.UTF8.GetBytes(purpose));
        return Encoding.UTF8.GetString(plaintext);
    }

    public string BlindIndex(string purpose, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(plaintext);
        var mac = HMACSHA256.HashData(_indexKey, Encoding.UTF8.GetBytes(purpose + "\u001F" + plaintext));
        return WebEncoders.Base64UrlEncode(mac, 0, 16);
    }

    private string Encrypt(string purpose, string plaintext)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        ArgumentNullException.ThrowIfNull(plaintext);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var blob = new byte[NonceSize + data.Length + TagSize];
        RandomNumberGenerator.Fill(blob.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_keys[_activeKeyId], TagSize);
        aes.Encrypt(blob.AsSpan(0, NonceSize), data, blob.AsSpan(NonceSize, data.Length), blob.AsSpan(NonceSize + data.Length), Encoding.UTF8.GetBytes(purpose));
        return _activeKeyId + ":" + WebEncoders.Base64UrlEncode(blob);
    }

    private static byte[] DecodeKey(string? base64, string name)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64 ?? string.Empty);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Shequ:PersonalData:{name} is not base64.");
        }

        return key.Length == 32 ? key : throw new InvalidOperationException($"Shequ:PersonalData:{name} must be 32 bytes (base64 of 32 random bytes).");
    }

    /// <summary>
    /// The configured ring, or in Development one generated once into a file outside the database, so a fresh
    /// clone runs without set-up and its data stays readable across restarts.
    /// </summary>
    public static PersonalDataOptions ResolveOptions(PersonalDataOptions configured, bool allowGeneratedKeys, string defaultKeyFile)
    {
        ArgumentNullException.ThrowIfNull(configured);
        if (configured.Keys.Count > 0)
        {
            return configured;
        }

        if (!allowGeneratedKeys)
        {
            throw new InvalidOperationException(
                "No personal-data keys are configured. Set Shequ:PersonalData:ActiveKeyId, Shequ:PersonalData:Keys:<id> and " +
                "Shequ:PersonalData:BlindIndexKey (each base64 of 32 random bytes) from a secret store.");
        }

        var file = configured.DevelopmentKeyFile ?? defaultKeyFile;
        if (File.Exists(file))
        {
            return JsonSerializer.Deserialize<PersonalDataOptions>(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"{file} is not a key ring.");
        }

        var generated = new PersonalDataOptions
        {
            ActiveKeyId = "k1",
            Keys = { ["k1"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllText(file, JsonSerializer.Serialize(generated));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return generated;
    }
}
