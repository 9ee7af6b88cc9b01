namespace Shequ.Domain.Common;

/// <summary>
/// What any stored text must be (issue 15): no longer than its field allows, and free of control characters and of
/// the characters that reorder text on screen (bidi embeddings, overrides and isolates), which can make a name read as
/// something it is not. Line breaks and tabs are allowed only in free text.
/// </summary>
public sealed class TextMustBePlainAndFitRule(string label, string? value, int? maxLength, bool freeText) : IBusinessRule
{
    public string Code => "Text.PlainAndFits";

    public string Message => FirstProblem() switch
    {
        Problem.TooLong => $"「{label}」太长：最多 {maxLength} 个字符，现有 {value!.Length} 个。",
        Problem.Hidden => $"「{label}」含有不可见的控制字符或文字方向控制符，请删除后重试。",
        _ => string.Empty,
    };

    public bool IsBroken() => FirstProblem() != Problem.None;

    private Problem FirstProblem() =>
        value is null ? Problem.None
        : maxLength is { } max && value.Length > max ? Problem.TooLong
        : value.Any(c => IsHidden(c, freeText)) ? Problem.Hidden
        : Problem.None;

    /// <summary>Characters no field keeps: C0 and C1 controls (line breaks and tabs aside in free text), DEL, and bidi controls.</summary>
    public static bool IsHidden(char c, bool freeText) => c switch
    {
        '\n' or '\r' or '\t' => !freeText,
        < ' ' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };

    private enum Problem
    {
        None,
        TooLong,
        Hidden,
    }
}
