namespace Shequ.Domain.Common;

/// <summary>A personal value as stored: the ciphertext, and a keyed blind index for exact lookup and duplicates.</summary>
public readonly record struct SealedValue(string Cipher, string Index);

/// <summary>
/// Seals personal data (ID numbers, phones, detailed addresses; security item C12). The domain decides what is
/// personal and how a value is normalised; the data layer decides how it is encrypted and indexed.
/// </summary>
public interface IPersonalDataSealer
{
    /// <summary>Encrypts <paramref name="plaintext"/> for one field (<paramref name="purpose"/>) and computes its blind index.</summary>
    SealedValue Seal(string purpose, string plaintext);

    /// <summary>Decrypts a value sealed for the same purpose, with whichever key sealed it.</summary>
    string Open(string purpose, string cipher);

    /// <summary>The blind index a lookup of <paramref name="plaintext"/> compares against.</summary>
    string BlindIndex(string purpose, string plaintext);
}
