# equipment / maintenance: plans from the grade and the matched clauses, tasks with due dates,
# completion records, reminders, the daily digest and plain SMTP e-mail.
add_library(rutile_equipment_maintenance
  digest.cc
  maintenance_migrations.cc
  maintenance_repository.cc
  maintenance_rules.cc
  maintenance_service.cc
  reminder_job.cc
  smtp_client.cc
)
rutile_embed_text(rutile_equipment_maintenance NAMESPACE rutile::equipment
                  NAME EmbeddedMaintenanceRulesJson
                  FILE ${PROJECT_SOURCE_DIR}/knowledge/equipment/maintenance_rules.json)
target_include_directories(rutile_equipment_maintenance PUBLIC include)
# The SMTP client uses Boost.Asio: it must see Asio exactly as rutile_http does (same macros), or
# the two translation units disagree on Asio's inline classes and the server crashes (ODR).
set_source_files_properties(smtp_client.cc PROPERTIES COMPILE_DEFINITIONS
  "BOOST_ASIO_NO_DEPRECATED;BOOST_ASIO_DISABLE_BOOST_COROUTINE")
target_link_libraries(rutile_equipment_maintenance
  PUBLIC rutile_equipment rutile_standards rutile_notifications rutile_identity rutile_texts
  PRIVATE rutile_media Boost::json Boost::headers)

# Service and reminder tests run on SQLite, and on PostgreSQL when RUTILE_TEST_POSTGRES_URL is set.
rutile_test(maintenance_test
  SOURCES maintenance_service_test.cc reminder_job_test.cc
  LIBS rutile_equipment_maintenance rutile_engine_wire rutile_media_testing Boost::json
       rutile_test_support)
if(TARGET maintenance_test)
  target_compile_definitions(maintenance_test PRIVATE
    RUTILE_MAINTENANCE_TESTDATA="${CMAKE_CURRENT_SOURCE_DIR}/maintenance_testdata")
  target_include_directories(maintenance_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
endif()

add_library(rutile_equipment_maintenance_routes routes/maintenance_routes.cc)
target_include_directories(rutile_equipment_maintenance_routes PUBLIC routes)
target_link_libraries(rutile_equipment_maintenance_routes
  PUBLIC rutile_equipment_maintenance rutile_http PRIVATE Boost::json)

rutile_test(maintenance_routes_test
  SOURCES routes/maintenance_routes_test.cc
  LIBS rutile_equipment_maintenance_routes rutile_engine_wire rutile_media_testing Boost::json
       rutile_test_support)
if(TARGET maintenance_routes_test)
  target_compile_definitions(maintenance_routes_test PRIVATE
    RUTILE_MAINTENANCE_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/equipment-maintenance.json")
  target_include_directories(maintenance_routes_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
endif()
