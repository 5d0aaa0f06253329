using System.Globalization;
using System.IO.Compression;
using System.Security;
using System.Text;

namespace Spaceflights.RawData;

/// <summary>
/// Writes a <see cref="RawTable"/> as a minimal one-sheet <c>.xlsx</c> workbook (Office Open XML: sheet
/// <c>Sheet1</c>, a header row, numbers as numbers, text as shared strings, missing cells absent), with nothing
/// but <see cref="ZipArchive"/>.
/// </summary>
internal static class XlsxWriter
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string PackageRelationships = "http://schemas.openxmlformats.org/package/2006/relationships";

    /// <summary>Writes the workbook atomically (a temporary file in the same folder, then a rename).</summary>
    /// <param name="path">The <c>.xlsx</c> file.</param>
    /// <param name="table">The table.</param>
    public static void Write(string path, RawTable table)
    {
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var sheet = new StringBuilder();
        sheet.Append(CultureInfo.InvariantCulture, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}"><sheetData>""");
        AppendRow(sheet, 1, [.. table.Columns], strings);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            AppendRow(sheet, r + 2, table.Rows[r], strings);
        }

        sheet.Append("</sheetData></worksheet>");

        var shared = new StringBuilder();
        shared.Append(CultureInfo.InvariantCulture, $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="{Main}" count="{strings.Count}" uniqueCount="{strings.Count}">""");
        foreach (var text in strings.OrderBy(s => s.Value).Select(s => s.Key))
        {
            shared.Append("<si><t xml:space=\"preserve\">").Append(SecurityElement.Escape(text)).Append("</t></si>");
        }

        shared.Append("</sst>");

        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create);
            Add(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>
                """);
            Add(zip, "_rels/.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add(zip, "xl/_rels/workbook.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="{PackageRelationships}"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """);
            Add(zip, "xl/worksheets/sheet1.xml", sheet.ToString());
            Add(zip, "xl/sharedStrings.xml", shared.ToString());
        });
    }

    private static void AppendRow(StringBuilder sheet, int rowNumber, object?[] cells, Dictionary<string, int> strings)
    {
        sheet.Append(CultureInfo.InvariantCulture, $"<row r=\"{rowNumber}\">");
        for (var c = 0; c < cells.Length; c++)
        {
            switch (cells[c])
            {
                case null:
                    break;
                case string text:
                    if (!strings.TryGetValue(text, out var index))
                    {
                        index = strings.Count;
                        strings[text] = index;
                    }

                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{ColumnName(c)}{rowNumber}\" t=\"s\"><v>{index}</v></c>");
                    break;
                case var number:
                    sheet.Append(CultureInfo.InvariantCulture, $"<c r=\"{ColumnName(c)}{rowNumber}\"><v>{Convert.ToString(number, CultureInfo.InvariantCulture)}</v></c>");
                    break;
            }
        }

        sheet.Append("</row>");
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Fastest);
        using var writer = new StreamWriter(entry.Open(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        writer.Write(content);
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }
}
