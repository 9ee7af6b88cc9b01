using System.Security.Cryptography;
using Shequ.Data.Protection;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Security item C12: AES-256-GCM with key ids and rotation, and an HMAC blind index.</summary>
public class PersonalDataSealerTests
{
    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static readonly string K1 = NewKey();
    private static readonly string K2 = NewKey();
    private static readonly string IndexKey = NewKey();

    private static AesGcmPersonalDataSealer Sealer(string active, params (string Id, string Key)[] keys) => new(new PersonalDataOptions
    {
        ActiveKeyId = active,
        Keys = keys.ToDictionary(k => k.Id, k => k.Key),
        BlindIndexKey = IndexKey,
    });

    [Fact]
    public void A_sealed_value_opens_again_and_never_shows_the_plaintext()
    {
        var sealer = Sealer("k1", ("k1", K1));
        var sealedId = sealer.Seal("resident.id", "11010519491231002X");

        sealedId.Cipher.ShouldStartWith("k1:");
        sealedId.Cipher.ShouldNotContain("11010519491231002X");
        sealedId.Index.ShouldNotContain("110105");
        sealer.Open("resident.id", sealedId.Cipher).ShouldBe("11010519491231002X");
    }

    [Fact]
    public void The_same_value_seals_differently_each_time_but_indexes_the_same()
    {
        var sealer = Sealer("k1", ("k1", K1));
        var a = sealer.Seal("resident.phone", "18012341999");
        var b = sealer.Seal("resident.phone", "18012341999");
        a.Cipher.ShouldNotBe(b.Cipher);
        a.Index.ShouldBe(b.Index);
        sealer.BlindIndex("resident.phone", "18012341999").ShouldBe(a.Index);
        sealer.BlindIndex("resident.id", "18012341999").ShouldNotBe(a.Index);
    }

    [Fact]
    public void A_value_moved_to_another_field_or_altered_does_not_open()
    {
        var sealer = Sealer("k1", ("k1", K1));
        var cipher = sealer.Seal("resident.id", "110105198001010016").Cipher;

        Should.Throw<CryptographicException>(() => sealer.Open("resident.phone", cipher));
        var flipped = cipher[..^3] + (cipher[^3] == 'A' ? 'B' : 'A') + cipher[^2..];
        Should.Throw<CryptographicException>(() => sealer.Open("resident.id", flipped));
    }

    [Fact]
    public void After_rotation_new_values_use_the_new_key_and_old_rows_stay_readable()
    {
        var old = Sealer("k1", ("k1", K1)).Seal("resident.address", "湖滨社区 3 幢 2 单元 301 室").Cipher;
        var rotated = Sealer("k2", ("k1", K1), ("k2", K2));

        rotated.Open("resident.address", old).ShouldBe("湖滨社区 3 幢 2 单元 301 室");
        rotated.Seal("resident.address", "x").Cipher.ShouldStartWith("k2:");
        Should.Throw<CryptographicException>(() => Sealer("k2", ("k2", K2)).Open("resident.address", old));
    }

    [Fact]
    public void A_badly_configured_ring_is_refused_at_start()
    {
        Should.Throw<InvalidOperationException>(() => Sealer("k9", ("k1", K1)));
        Should.Throw<InvalidOperationException>(() => Sealer("k1", ("k1", Convert.ToBase64String(new byte[16]))));
        Should.Throw<InvalidOperationException>(() => AesGcmPersonalDataSealer.ResolveOptions(new PersonalDataOptions(), allowGeneratedKeys: false, "unused.json"));
    }

    [Fact]
    public void Development_generates_a_private_key_file_once_and_reuses_it()
    {
        var file = Path.Combine(Path.GetTempPath(), "shequ-keys-" + Guid.NewGuid().ToString("N"), "personal-data.json");
        try
        {
            var first = AesGcmPersonalDataSealer.ResolveOptions(new PersonalDataOptions(), allowGeneratedKeys: true, file);
            var second = AesGcmPersonalDataSealer.ResolveOptions(new PersonalDataOptions(), allowGeneratedKeys: true, file);

            second.Keys["k1"].ShouldBe(first.Keys["k1"]);
            if (!OperatingSystem.IsWindows())
            {
                File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            var sealedValue = new AesGcmPersonalDataSealer(first).Seal("p", "v");
            new AesGcmPersonalDataSealer(second).Open("p", sealedValue.Cipher).ShouldBe("v");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        }
    }
}
