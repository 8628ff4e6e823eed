# Park and regulator views, the enterprise dashboard, exports and QR labels (included by
# CMakeLists.txt). Rollups and views join the equipment library; the routes have their own.
target_sources(rutile_equipment PRIVATE
  dashboard.cc
  park_view.cc
  regional_report.cc
  rollup_repository.cc
  rollups.cc
)

rutile_test(equipment_views_test
  SOURCES dashboard_test.cc rollups_test.cc regional_report_test.cc
  LIBS rutile_equipment rutile_identity rutile_engine_wire)
if(TARGET equipment_views_test)
  target_include_directories(equipment_views_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
endif()
