// A worker module that never answers (for runInWorker's abort test): it only keeps its thread alive.
setInterval(() => undefined, 1000);
