namespace Shequ.Web.Modules.Access;

/// <summary>The authorization and rate-limiting policies pages and endpoints name.</summary>
public static class Policies
{
    public const string OrganizationEdit = "organization-edit";
    public const string Api = "api";
    public const string RegistryEdit = "registry-edit";

    /// <summary>Closing, publishing, correcting and freezing a district's assessment periods; adopting pay.</summary>
    public const string PeriodManagement = "period-management";

    /// <summary>Doing the community's work: recording services, handling requests, reporting tasks done. Inspectors only read.</summary>
    public const string ServiceWork = "service-work";

    /// <summary>Entering and sorting suggestions: staff who keep the registry, and public-opinion volunteers.</summary>
    public const string SuggestionKeeper = "suggestion-keeper";

    /// <summary>The rate-limiting policy of anonymous submissions.</summary>
    public const string PublicSubmission = "public-submission";
}
