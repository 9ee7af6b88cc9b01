namespace Shequ.Web.Tests.Infrastructure;

public static class FormClient
{
    /// <summary>GETs the page for its antiforgery token, then POSTs the form to it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string path, Dictionary<string, string> fields)
    {
        var token = await ShequFactory.AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Opens a private link as a browser does: the link answers with its cookie and a redirect to the bare page.</summary>
    public static async Task<HttpResponseMessage> OpenAsync(this HttpClient client, string link)
    {
        var response = await client.GetAsync(link);
        return response.StatusCode == System.Net.HttpStatusCode.Redirect && response.Headers.Location is { IsAbsoluteUri: false } to
            ? await client.GetAsync(to)
            : response;
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
