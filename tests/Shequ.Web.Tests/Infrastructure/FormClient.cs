namespace Shequ.Web.Tests.Infrastructure;

public static class FormClient
{
    /// <summary>GETs the page for its antiforgery token, then POSTs the form to it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, Dictionary<string, string> fields)
    {
        var token = await ShequFactory.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    public static async Task<HttpResponseMessage> PostFileAsync(this HttpClient client, string path, string fileName, byte[] content)
    {
        var token = await ShequFactory.AntiforgeryTokenAsync(client, path);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        return await client.PostAsync(path, form);
    }
}
