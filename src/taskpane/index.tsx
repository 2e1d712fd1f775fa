// Placeholder entry: replaced by the task pane (issue 3).
export {};
