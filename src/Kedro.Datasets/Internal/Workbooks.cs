using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ExcelDataReader;

namespace Kedro.Datasets.Internal;

/// <summary>Reads sheets with ExcelDataReader and writes <c>.xlsx</c> workbooks with the Open XML SDK.</summary>
internal static class Workbooks
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), CloseOutput = false };

    /// <summary>Reads the sheets that <paramref name="wanted"/> accepts (by index and name), in workbook order.</summary>
    public static List<(string Name, Table Table)> Read(
        Stream stream, Func<int, string, bool> wanted, int? headerRow, HashSet<string> naValues, out List<string> sheetNames)
    {
        CodePages.EnsureRegistered();
        var sheets = new List<(string, Table)>();
        sheetNames = [];
        using var reader = ExcelReaderFactory.CreateReader(stream);
        var index = 0;
        do
        {
            sheetNames.Add(reader.Name);
            if (wanted(index, reader.Name))
            {
                sheets.Add((reader.Name, ReadSheet(reader, headerRow, naValues)));
            }

            index++;
        }
        while (reader.NextResult());

        return sheets;
    }

    /// <summary>
    /// Writes one sheet per entry; the first row holds the column names when <paramref name="header"/> is set. The
    /// package, parts and relationships come from the Open XML SDK; the sheet and shared-string XML is streamed.
    /// </summary>
    public static void Write(Stream stream, IReadOnlyList<(string Name, Table Table)> sheets, bool header)
    {
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var sheetList = workbookPart.Workbook.AppendChild(new Sheets());
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        uint sheetId = 1;
        foreach (var (name, table) in sheets)
        {
            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var part = worksheetPart.GetStream(FileMode.Create, FileAccess.Write))
            using (var xml = XmlWriter.Create(part, XmlSettings))
            {
                xml.WriteStartDocument();
                xml.WriteStartElement("worksheet", MainNamespace);
                xml.WriteStartElement("sheetData", MainNamespace);
                var rowIndex = 1;
                if (header)
                {
                    WriteRow(xml, rowIndex++, table.Columns, strings, (name, table.Columns, 0));
                }

                var dataRow = 0;
                foreach (var row in table.Rows)
                {
                    WriteRow(xml, rowIndex++, row, strings, (name, table.Columns, ++dataRow));
                }

                xml.WriteEndElement();
                xml.WriteEndElement();
                xml.WriteEndDocument();
            }

            sheetList.Append(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = sheetId++, Name = name });
        }

        AddDateStyles(workbookPart);
        var sharedStringPart = workbookPart.AddNewPart<SharedStringTablePart>();
        using (var part = sharedStringPart.GetStream(FileMode.Create, FileAccess.Write))
        using (var xml = XmlWriter.Create(part, XmlSettings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("sst", MainNamespace);
            var count = strings.Count.ToString(CultureInfo.InvariantCulture);
            xml.WriteAttributeString("count", count);
            xml.WriteAttributeString("uniqueCount", count);
            foreach (var text in strings.OrderBy(pair => pair.Value).Select(pair => pair.Key))
            {
                xml.WriteStartElement("si", MainNamespace);
                xml.WriteStartElement("t", MainNamespace);
                if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
                {
                    xml.WriteAttributeString("xml", "space", null, "preserve");
                }

                xml.WriteString(XmlSafe(text));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        workbookPart.Workbook.Save();
    }

    private static Table ReadSheet(IExcelDataReader reader, int? headerRow, HashSet<string> naValues)
    {
        var raw = new List<object?[]>();
        string[]? columns = null;
        var line = 0;
        while (reader.Read())
        {
            var values = new object?[reader.FieldCount];
            var empty = true;
            for (var i = 0; i < values.Length; i++)
            {
                var value = reader.GetValue(i);
                if (value is string text && naValues.Contains(text))
                {
                    value = null;
                }

                values[i] = value;
                empty &= value is null;
            }

            if (headerRow is { } header && line <= header)
            {
                line++;
                if (line - 1 == header)
                {
                    columns = [.. values.Select((value, i) => Cells.Format(value) is { Length: > 0 } name ? name : $"Unnamed: {i}")];
                }

                continue;
            }

            line++;
            if (!empty)
            {
                raw.Add(values);
            }
        }

        // Trailing columns with neither a name nor a value are formatting left-overs, not data.
        var width = 0;
        for (var c = 0; c < (columns?.Length ?? 0); c++)
        {
            if (!columns![c].StartsWith("Unnamed: ", StringComparison.Ordinal))
            {
                width = c + 1;
            }
        }

        foreach (var row in raw)
        {
            for (var c = row.Length - 1; c >= width; c--)
            {
                if (row[c] is not null)
                {
                    width = c + 1;
                    break;
                }
            }
        }

        columns ??= [.. Enumerable.Range(0, width).Select(i => i.ToString(CultureInfo.InvariantCulture))];
        if (columns.Length != width)
        {
            columns = [.. Enumerable.Range(0, width).Select(i => i < columns.Length ? columns[i] : $"Unnamed: {i}")];
        }

        var rows = new List<object?[]>(raw.Count);
        foreach (var row in raw)
        {
            var cells = new object?[width];
            Array.Copy(row, cells, Math.Min(row.Length, width));
            rows.Add(cells);
        }

        return new Table(columns, rows);
    }

    // Cell styles: 0 plain, 1 a date and time (yyyy-mm-dd hh:mm:ss), 2 a date (yyyy-mm-dd). Dates are written as Excel
    // serial numbers with one of these, so Excel shows dates and readers (pandas, ExcelDataReader) load them as dates.
    private static void AddDateStyles(WorkbookPart workbookPart)
    {
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(
                new NumberingFormat { NumberFormatId = DateTimeFormatId, FormatCode = "yyyy-mm-dd hh:mm:ss" },
                new NumberingFormat { NumberFormatId = DateFormatId, FormatCode = "yyyy-mm-dd" })
            { Count = 2 },
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                new CellFormat { NumberFormatId = DateTimeFormatId, ApplyNumberFormat = true },
                new CellFormat { NumberFormatId = DateFormatId, ApplyNumberFormat = true })
            { Count = 3 });
        styles.Stylesheet.Save();
    }

    private const uint DateTimeFormatId = 164;
    private const uint DateFormatId = 165;

    private static void WriteRow(XmlWriter xml, int rowIndex, IReadOnlyList<object?> values, Dictionary<string, int> strings,
        (string Sheet, string[] Columns, int DataRow) at)
    {
        var rowText = rowIndex.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("row", MainNamespace);
        xml.WriteAttributeString("r", rowText);
        for (var c = 0; c < values.Count; c++)
        {
            var value = values[c];
            if (value is null or DBNull || (value is double d && !double.IsFinite(d)) || (value is float f && !float.IsFinite(f)))
            {
                continue;
            }

            string? type;
            string text;
            string? style = null;
            switch (value)
            {
                case DateTime or DateTimeOffset or DateOnly:
                    var date = value switch
                    {
                        DateTimeOffset offset => offset.UtcDateTime,
                        DateOnly day => day.ToDateTime(TimeOnly.MinValue),
                        _ => (DateTime)value,
                    };
                    if (date.Ticks % TimeSpan.TicksPerMillisecond != 0)
                    {
                        throw FileDatasetErrors.SubMillisecondDate(at.Sheet, at.Columns[c], at.DataRow, value);
                    }

                    type = null;
                    text = date.ToOADate().ToString("R", CultureInfo.InvariantCulture);
                    style = value is DateOnly || (date.TimeOfDay == TimeSpan.Zero && value is DateTime) ? "2" : "1";
                    break;
                case bool flag:
                    type = "b";
                    text = flag ? "1" : "0";
                    break;
                case double or float or decimal or int or long or short or byte or sbyte or uint or ulong or ushort:
                    type = null;
                    text = Cells.Format(value)!;
                    break;
                default:
                    var content = Cells.Format(value) ?? string.Empty;
                    if (!strings.TryGetValue(content, out var index))
                    {
                        index = strings.Count;
                        strings[content] = index;
                    }

                    type = "s";
                    text = index.ToString(CultureInfo.InvariantCulture);
                    break;
            }

            xml.WriteStartElement("c", MainNamespace);
            xml.WriteAttributeString("r", ColumnLetters(c) + rowText);
            if (style is not null)
            {
                xml.WriteAttributeString("s", style);
            }

            if (type is not null)
            {
                xml.WriteAttributeString("t", type);
            }

            xml.WriteElementString("v", MainNamespace, text);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    // XML 1.0 cannot hold most control characters; Excel itself escapes them as _xHHHH_.
    private static string XmlSafe(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r'))
            {
                var builder = new StringBuilder(text.Length + 8);
                foreach (var ch in text)
                {
                    if (ch < 0x20 && ch is not ('\t' or '\n' or '\r'))
                    {
                        builder.Append("_x").Append(((int)ch).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
                    }
                    else
                    {
                        builder.Append(ch);
                    }
                }

                return builder.ToString();
            }
        }

        return text;
    }

    private static string ColumnLetters(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
