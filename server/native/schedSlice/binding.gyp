{
  "targets": [
    {
      "target_name": "schedSlice",
      "sources": ["schedSlice.c"]
    }
  ]
}
