namespace Shequ.Domain.Common;

/// <summary>
/// A rule stated as a sentence (its type name) that an aggregate checks before it changes.
/// <see cref="Code"/> is stable and keys translations; <see cref="Message"/> is the Chinese text.
/// </summary>
public interface IBusinessRule
{
    string Code { get; }

    string Message { get; }

    bool IsBroken();
}

/// <summary>A domain rule refused a change. The message is meant for the person who asked for it.</summary>
public sealed class BusinessRuleViolationException : Exception
{
    public BusinessRuleViolationException(IBusinessRule rule)
        : base(rule?.Message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Code = rule.Code;
    }

    public BusinessRuleViolationException()
    {
        Code = string.Empty;
    }

    public BusinessRuleViolationException(string message)
        : base(message)
    {
        Code = string.Empty;
    }

    public BusinessRuleViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = string.Empty;
    }

    public string Code { get; }
}

public abstract class Entity
{
    /// <summary>App-managed optimistic concurrency token: SQLite has no rowversion.</summary>
    public int Version { get; private set; }

    public void Touch() => Version++;

    protected static void CheckRule(IBusinessRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.IsBroken())
        {
            throw new BusinessRuleViolationException(rule);
        }
    }
}
