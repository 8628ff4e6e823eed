# Self-inspection, regional annexes and new-version notices: part of rutile_standards (they use
# its repository), routes in their own library, tests beside the code.
target_sources(rutile_standards PRIVATE
  annex.cc
  self_inspection.cc
  self_inspection_migrations.cc
  version_notice.cc
)
target_link_libraries(rutile_standards PRIVATE rutile_media)
rutile_embed_text(rutile_standards NAMESPACE rutile::standards NAME EmbeddedRemediation
                  FILE ${PROJECT_SOURCE_DIR}/knowledge/standards/remediation.json)

rutile_test(self_inspection_test
  SOURCES
    annex_test.cc
    self_inspection_test.cc
    version_notice_test.cc
  LIBS rutile_standards rutile_engine_wire rutile_media_testing)
if(TARGET self_inspection_test)
  target_include_directories(self_inspection_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
endif()

add_library(rutile_standards_selfcheck_routes routes/annex_routes.cc routes/self_inspection_routes.cc)
target_include_directories(rutile_standards_selfcheck_routes PUBLIC routes)
target_link_libraries(rutile_standards_selfcheck_routes
  PUBLIC rutile_standards rutile_http PRIVATE rutile_ledger Boost::json)

rutile_test(self_inspection_routes_test
  SOURCES routes/annex_routes_test.cc routes/self_inspection_routes_test.cc
  LIBS rutile_standards_selfcheck_routes rutile_ledger rutile_engine_wire rutile_media_testing)
if(TARGET self_inspection_routes_test)
  target_include_directories(self_inspection_routes_test
    PRIVATE ${PROJECT_SOURCE_DIR}/tests/store ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_definitions(self_inspection_routes_test PRIVATE
    RUTILE_SELFCHECK_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/standards-self-inspection.json")
endif()

# The PDF report needs the documents library (Cairo, Pango).
if(TARGET rutile_documents)
  add_library(rutile_standards_report self_inspection_report.cc)
  target_link_libraries(rutile_standards_report PUBLIC rutile_standards rutile_documents)
  target_link_libraries(rutile_standards_report PRIVATE Boost::json)
  rutile_embed_text(rutile_standards_report NAMESPACE rutile::standards
                    NAME EmbeddedSelfInspectionReportLabels
                    FILE ${PROJECT_SOURCE_DIR}/knowledge/standards/self_inspection_report.json)
  rutile_test(self_inspection_report_test
    SOURCES self_inspection_report_test.cc
    LIBS rutile_standards_report rutile_standards_selfcheck_routes rutile_documents_testing
         rutile_engine_wire)
  if(TARGET self_inspection_report_test)
    target_include_directories(self_inspection_report_test
      PRIVATE ${PROJECT_SOURCE_DIR}/tests/store ${CMAKE_CURRENT_SOURCE_DIR}
              ${CMAKE_CURRENT_SOURCE_DIR}/routes)
  endif()
endif()
