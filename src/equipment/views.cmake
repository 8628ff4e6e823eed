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
  LIBS rutile_equipment rutile_identity rutile_engine_wire rutile_test_support)
if(TARGET equipment_views_test)
  target_include_directories(equipment_views_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
  # The dashboard counts maintenance tasks when that part's tables exist.
  if(TARGET rutile_equipment_maintenance)
    target_link_libraries(equipment_views_test PRIVATE rutile_equipment_maintenance)
    target_compile_definitions(equipment_views_test PRIVATE RUTILE_VIEWS_WITH_MAINTENANCE)
  endif()
endif()

# Exports (CSV, XLSX through Debian's libxlsxwriter, PDF through rutile_documents) and labels.
find_package(PkgConfig REQUIRED)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
pkg_check_modules(MINIZIP IMPORTED_TARGET minizip)
add_library(rutile_equipment_exports export.cc label.cc)
target_link_libraries(rutile_equipment_exports
  PUBLIC rutile_equipment
  PRIVATE rutile_documents PkgConfig::XLSXWRITER)

if(TARGET PkgConfig::MINIZIP)
  rutile_test(equipment_exports_test
    SOURCES export_test.cc label_test.cc
    LIBS rutile_equipment_exports rutile_identity rutile_engine_wire rutile_documents_testing
         PkgConfig::MINIZIP rutile_test_support)
  if(TARGET equipment_exports_test)
    target_include_directories(equipment_exports_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
  endif()
endif()

add_library(rutile_equipment_views_routes routes/views_routes.cc)
target_include_directories(rutile_equipment_views_routes PUBLIC routes)
target_link_libraries(rutile_equipment_views_routes
  PUBLIC rutile_equipment_exports rutile_http PRIVATE Boost::json)

rutile_test(equipment_views_routes_test
  SOURCES routes/views_routes_test.cc
  LIBS rutile_equipment_views_routes rutile_identity rutile_engine_wire Boost::json
       rutile_test_support)
if(TARGET equipment_views_routes_test)
  target_include_directories(equipment_views_routes_test PRIVATE
    ${PROJECT_SOURCE_DIR}/tests/store ${CMAKE_CURRENT_SOURCE_DIR})
  target_compile_definitions(equipment_views_routes_test PRIVATE
    RUTILE_VIEWS_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/equipment-views.json")
endif()

# Benchmark (not a test): bench/dashboard/run.sh.
rutile_benchmark(dashboard_bench
  SOURCES ${PROJECT_SOURCE_DIR}/bench/dashboard/dashboard_bench.cc
  LIBS rutile_equipment rutile_identity rutile_engine_wire
  INCLUDES ${CMAKE_CURRENT_SOURCE_DIR})
