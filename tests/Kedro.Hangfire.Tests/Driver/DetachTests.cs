using Kedro.Hangfire.Internal;

namespace Kedro.Hangfire.Tests.Driver;

public sealed class DetachTests
{
    [Fact]
    public void A_detached_value_outlives_its_run_folder_and_a_new_save_replaces_it()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.PathOf("run"), RunFolder.DataFolderName));
        var dataset = new RunFolderDataset(RunFolder.DataFile(folder.PathOf("run"), "model_metrics"), "model_metrics");
        dataset.Save(new[] { 1.5, 2.5 });

        dataset.Detach();
        Directory.Delete(folder.PathOf("run"), recursive: true);

        Assert.True(dataset.Exists());
        Assert.Equal(new[] { 1.5, 2.5 }, Assert.IsType<double[]>(dataset.Load()));

        dataset.Save(new[] { 3.5 });
        Assert.Equal(new[] { 3.5 }, Assert.IsType<double[]>(dataset.Load()));
    }

    [Fact]
    public void Detaching_what_was_never_saved_holds_nothing()
    {
        using var folder = new TempFolder();
        var dataset = new RunFolderDataset(RunFolder.DataFile(folder.PathOf("run"), "x"), "x");

        dataset.Detach();

        Assert.False(dataset.Exists());
    }

    [Fact]
    public void A_save_after_the_run_folder_is_removed_is_refused_and_does_not_bring_the_folder_back()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(Path.Combine(folder.PathOf("run"), RunFolder.DataFolderName));
        var dataset = new RunFolderDataset(RunFolder.DataFile(folder.PathOf("run"), "late"), "late");
        dataset.Save(1);
        Directory.Delete(folder.PathOf("run"), recursive: true);

        var error = Assert.Throws<Kedro.IO.DatasetException>(() => dataset.Save(2));

        Assert.Contains("'late'", error.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist, so the run has ended", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder.PathOf("run")));
    }
}
