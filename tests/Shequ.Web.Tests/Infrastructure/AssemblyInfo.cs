// Each test class gets its own app and database; classes run in parallel, tests within one class in order.
[assembly: CaptureConsole]
