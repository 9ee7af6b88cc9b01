using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Shequ.Web.Infrastructure;

/// <summary>
/// What the generated OpenAPI document promises beyond the endpoints themselves (issue 15): every call needs a bearer
/// token unless it is one of the public ones, every operation has an id and its ProblemDetails failures, every tag says
/// what it holds. <c>PlatformTests</c> runs the pinned Redocly lint on the document and allows no error.
/// </summary>
public static partial class OpenApiContract
{
    public const string BearerScheme = "Bearer";
    private const string Problem = "ProblemDetails";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Organization"] = "区划与服务站点：区、街道、社区、网格的树。",
        ["Registry"] = "户籍与居民：住户、居民，证件号与手机号只以掩码出现。",
        ["Workforce"] = "社区工作者：聘用、岗位、派驻社区。",
        ["Services"] = "服务事项与服务记录。",
        ["Assessment"] = "考核：抽样评议、评议提交、考核期、公示、更正、申诉、定档与绩效。",
        ["Requests"] = "居民诉求：受理、派遣、办理、回访。",
        ["Opinion"] = "民意：联系日、居民建议、热点。",
    };

    public static void Configure(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Shequ 社区 API";
            document.Info.Description = "JSON under /api/v1. Sign in with `Authorization: Bearer <token>` (`token create --user NAME`); failures are RFC 9457 ProblemDetails in Chinese.";

            // Clients call the host they fetched the document from.
            document.Servers = [new OpenApiServer { Url = "/", Description = "this Shequ instance" }];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "shq_…",
                Description = "A staff account's API token; the session cookie works too, with X-CSRF-TOKEN on writes.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = ProblemSchema();
            foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
            {
                tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? string.Empty);
            }

            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
            if (anonymous)
            {
                operation.Security = [];
            }

            operation.OperationId ??= OperationIdFor(description.HttpMethod ?? "get", description.RelativePath ?? string.Empty);
            operation.Responses ??= new OpenApiResponses();
            var hasInput = description.ParameterDescriptions.Count > 0;
            var hasKey = (description.RelativePath ?? string.Empty).Contains('{', StringComparison.Ordinal);
            Add(operation, context.Document, "400", "请求不符合规则", hasInput);
            Add(operation, context.Document, "401", "未登录或令牌无效", !anonymous);
            Add(operation, context.Document, "403", "无权进行此操作", !anonymous);
            Add(operation, context.Document, "404", "不存在，或不在您的管辖范围内", hasKey);
            Add(operation, context.Document, "429", "请求过于频繁（见 Retry-After）", true);
            Add(operation, context.Document, "500", "服务器内部错误", true);
            Add(operation, context.Document, "503", "数据库繁忙，请稍后重试（见 Retry-After）", true);
            return Task.CompletedTask;
        });
    }

    /// <summary>"post" + "api/v1/assessment/periods/{id}/close" → "postAssessmentPeriodsIdClose": unique by construction.</summary>
    public static string OperationIdFor(string method, string path)
    {
        var words = Words().Matches(path.Replace("api/v1", string.Empty, StringComparison.Ordinal)).Select(m => char.ToUpperInvariant(m.Value[0]) + m.Value[1..].ToLowerInvariant());
        return method.ToLowerInvariant() + string.Concat(words);
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument? document, string status, string description, bool applies)
    {
        if (!applies || operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
            },
        };
    }

    private static OpenApiSchema ProblemSchema()
    {
        static OpenApiSchema Text() => new() { Type = JsonSchemaType.String | JsonSchemaType.Null };
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 9457 problem details; title and detail in Chinese.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["type"] = Text(),
                ["title"] = Text(),
                ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
                ["detail"] = Text(),
                ["instance"] = Text(),
            },
        };
    }

    [GeneratedRegex("[A-Za-z0-9]+")]
    private static partial Regex Words();
}
