namespace Shequ.Web.Cli;

/// <summary>
/// One command of the admin CLI, defined beside the module it belongs to and listed by <see cref="ShequApp.Commands"/>.
/// <paramref name="Noun"/> null matches any second word (for commands that take options straight away).
/// <paramref name="Help"/> is its block of the help text: the usage on the first line, the description aligned after it.
/// </summary>
public sealed record CliCommand(string Verb, string? Noun, string Help, Func<CliContext, Task<int>> RunAsync)
{
    public bool Matches(string[] args) =>
        args.Length > 0 && args[0] == Verb && (Noun is null || args.ElementAtOrDefault(1) == Noun);
}

/// <summary>What a command gets: the CLI host's services, its arguments, and the streams it talks on.</summary>
public sealed class CliContext(IServiceProvider services, string[] args, TextReader stdin, TextWriter stdout)
{
    public IServiceProvider Services { get; } = services;

    public string[] Args { get; } = args;

    public TextReader Stdin { get; } = stdin;

    public TextWriter Stdout { get; } = stdout;

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary><c>--name value</c> pairs from argument <paramref name="first"/> on (after verb and noun by default).</summary>
    public Dictionary<string, string> Options(int first = 2)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = first; i < Args.Length; i++)
        {
            if (!Args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"unexpected argument '{Args[i]}'");
            }

            if (i + 1 >= Args.Length || Args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new CliException($"option {Args[i]} needs a value");
            }

            map[Args[i][2..]] = Args[++i];
        }

        return map;
    }

    public static string Required(Dictionary<string, string> o, string key) =>
        o.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new CliException($"--{key} is required");

    public static int IntOption(Dictionary<string, string> o, string key, int fallback) =>
        !o.TryGetValue(key, out var v) ? fallback
        : int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n
        : throw new CliException($"--{key} must be a whole number");
}

/// <summary>A command's refusal: printed as "error: …" with exit code 1, never a stack trace.</summary>
public sealed class CliException(string message) : Exception(message);
