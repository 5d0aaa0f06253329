using Kedro.Datasets;
using Kedro.Datasets.Sql;
using Kedro.IO;
using Microsoft.Data.Analysis;

namespace Spaceflights.RawData;

/// <summary>
/// Fills the raw tables of a catalog that keeps them in a database (the <c>sql</c> environment) from the raw files,
/// once: each of <c>companies</c>, <c>reviews</c> and <c>shuttles</c> that is a <see cref="SqlTableDataset"/> whose table
/// does not exist yet is loaded from its file in <c>data/01_raw</c> with the file dataset of base's catalog
/// (<see cref="CsvDataset"/>, <see cref="ExcelDataset"/>) and saved with the catalog's own dataset. An existing table is
/// never touched, and a raw entry that is not a table (base's files) needs nothing. A raw file that cannot be read fails
/// the run naming the table and the file.
/// </summary>
internal static class RawTableImport
{
    /// <summary>The raw datasets and how base's catalog reads each from the raw folder.</summary>
    private static readonly (string Dataset, string File, Func<string, ITypedLoadDataset> Open)[] RawFiles =
    [
        ("companies", "companies.csv", static path => new CsvDataset(path)),
        ("reviews", "reviews.csv", static path => new CsvDataset(path)),
        ("shuttles", "shuttles.xlsx", static path => new ExcelDataset(path)),
    ];

    /// <summary>Imports every raw table of <paramref name="catalog"/> that is missing from its database.</summary>
    /// <param name="catalog">The run's catalog.</param>
    /// <param name="rawFolder">The folder of the raw files (the project's <c>data/01_raw</c>).</param>
    /// <returns>The datasets imported, with their row counts; empty when there was nothing to import.</returns>
    public static IReadOnlyList<(string Dataset, long Rows)> ImportMissing(DataCatalog catalog, string rawFolder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var imported = new List<(string, long)>();
        foreach (var (name, file, open) in RawFiles)
        {
            if (catalog.Get(name) is not SqlTableDataset table || table.Exists())
            {
                continue;
            }

            var path = Path.Combine(rawFolder, file);
            DataFrame frame;
            try
            {
                frame = (DataFrame)open(path).Load(typeof(DataFrame))!;
            }
            catch (DatasetException e)
            {
                throw new DatasetException(
                    $"Table '{name}' does not exist in the database yet, and it could not be filled from its raw file '{path}': {e.Message} "
                    + "Put the raw file back (an empty raw folder is filled with sample data), or create the table.", e);
            }

            table.Save(frame);
            imported.Add((name, frame.Rows.Count));
        }

        return imported;
    }
}
