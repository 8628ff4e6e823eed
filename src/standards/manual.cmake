# The simplified manual: mandatory clauses for an industry and risk grade as PDF or HTML
# (rendered by rutile_documents). Included from CMakeLists.txt.
add_library(rutile_standards_manual manual_service.cc)
rutile_embed_text(rutile_standards_manual NAMESPACE rutile::standards NAME EmbeddedManualText
                  FILE ${PROJECT_SOURCE_DIR}/knowledge/standards/manual_text.json)
target_include_directories(rutile_standards_manual PUBLIC include)
target_link_libraries(rutile_standards_manual
  PUBLIC rutile_standards rutile_documents rutile_identity PRIVATE Boost::json)

add_library(rutile_standards_manual_routes routes/manual_routes.cc)
target_include_directories(rutile_standards_manual_routes PUBLIC routes)
target_link_libraries(rutile_standards_manual_routes
  PUBLIC rutile_standards_manual rutile_http)

rutile_test(standards_manual_test
  SOURCES manual_service_test.cc routes/manual_routes_test.cc
  LIBS rutile_standards_manual_routes rutile_documents_testing rutile_engine_wire Boost::json)
if(TARGET standards_manual_test)
  target_include_directories(standards_manual_test
    PRIVATE ${CMAKE_CURRENT_SOURCE_DIR} ${PROJECT_SOURCE_DIR}/tests/store)
  target_compile_definitions(standards_manual_test PRIVATE
    RUTILE_MANUAL_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/standards-manual.json")
endif()
