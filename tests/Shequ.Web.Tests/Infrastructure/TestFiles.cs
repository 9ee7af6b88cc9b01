using System.IO.Compression;

namespace Shequ.Web.Tests.Infrastructure;

/// <summary>Hand-built packages for the hostile-upload tests: a ZIP holding exactly the parts a test names.</summary>
public static class TestFiles
{
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(content);
            }
        }

        return ms.ToArray();
    }

    /// <summary>A workbook whose one sheet is the given XML (so a test decides what the sheet declares and holds).</summary>
    public static byte[] WorkbookWithSheet(string sheetXml) => Zip(
        ("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8.ToArray()),
        ("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheets/></workbook>"u8.ToArray()),
        ("xl/worksheets/sheet1.xml", System.Text.Encoding.UTF8.GetBytes(sheetXml)));
}
