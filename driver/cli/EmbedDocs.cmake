# cmake -DOUT=<file.inc> -DDOCS=<a.md|b.md> -P EmbedDocs.cmake
# Writes the check pages as C++ raw strings: SARIF rule help (GitHub shows
# it beside each alert) comes from the same pages as the documentation.
string(REPLACE "|" ";" DOCS "${DOCS}")
set(text "// Generated from docs/checks/*.md by EmbedDocs.cmake; do not edit.\n")
foreach(doc IN LISTS DOCS)
  get_filename_component(id "${doc}" NAME_WE)
  file(READ "${doc}" body)
  string(APPEND text "{\"${id}\", R\"memlint_doc(${body})memlint_doc\"},\n")
endforeach()
file(WRITE "${OUT}.tmp" "${text}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E copy_if_different "${OUT}.tmp" "${OUT}")
file(REMOVE "${OUT}.tmp")
