// The hall call display, served by the office service at /display (placeholder until the page lands).
export const DISPLAY_PAGE = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>呼出表示 / Now calling</title></head><body><h1>呼出表示 / Now calling</h1></body></html>`;
