# Ingestion part of the equipment module: device credentials, XLSX upload, MQTT subscriber.
find_package(PkgConfig REQUIRED)
pkg_check_modules(MINIZIP REQUIRED IMPORTED_TARGET minizip)
pkg_check_modules(MOSQUITTO REQUIRED IMPORTED_TARGET libmosquitto)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)

target_sources(rutile_equipment PRIVATE device.cc device_migrations.cc readings_xlsx.cc
                                        readings_template.cc)
target_link_libraries(rutile_equipment
  PRIVATE rutile_texts PkgConfig::SODIUM PkgConfig::MINIZIP PkgConfig::XLSXWRITER)

# The MQTT subscriber: the one place that names libmosquitto.
add_library(rutile_equipment_mqtt mqtt_ingest.cc)
target_link_libraries(rutile_equipment_mqtt
  PUBLIC rutile_equipment
  PRIVATE PkgConfig::MOSQUITTO Boost::json spdlog::spdlog Threads::Threads)

add_library(rutile_equipment_ingest_routes routes/ingest_routes.cc)
target_include_directories(rutile_equipment_ingest_routes PUBLIC routes)
target_link_libraries(rutile_equipment_ingest_routes
  PUBLIC rutile_equipment rutile_http PRIVATE Boost::json)

# Service, decoder and subscriber tests (the subscriber test starts Debian's mosquitto on a free
# loopback port when /usr/sbin/mosquitto exists). Test workbooks are written with libxlsxwriter.
if(XLSXWRITER_FOUND)
  rutile_test(equipment_ingest_test
    SOURCES device_test.cc readings_xlsx_test.cc readings_template_test.cc mqtt_ingest_test.cc
    LIBS rutile_equipment_mqtt rutile_identity rutile_engine_wire rutile_texts PkgConfig::XLSXWRITER
         PkgConfig::MOSQUITTO PkgConfig::MINIZIP Boost::json)
  if(TARGET equipment_ingest_test)
    target_include_directories(equipment_ingest_test PRIVATE ${PROJECT_SOURCE_DIR}/tests/store)
  endif()
  rutile_test(equipment_ingest_routes_test
    SOURCES routes/ingest_routes_test.cc
    LIBS rutile_equipment_ingest_routes rutile_identity rutile_engine_wire rutile_texts
         PkgConfig::XLSXWRITER Boost::json)
  if(TARGET equipment_ingest_routes_test)
    target_include_directories(equipment_ingest_routes_test PRIVATE
      ${PROJECT_SOURCE_DIR}/tests/store)
    target_compile_definitions(equipment_ingest_routes_test PRIVATE
      RUTILE_INGEST_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/equipment-ingest.json"
      RUTILE_TEMPLATES_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/readings-templates.json")
  endif()
endif()

# libFuzzer target for the XLSX decoder (outside input), built with -DRUTILE_FUZZ=ON and clang.
if(RUTILE_FUZZ AND CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  add_executable(readings_xlsx_fuzz readings_xlsx_fuzz.cc readings_xlsx.cc readings_csv.cc
                                    model.cc)
  target_include_directories(readings_xlsx_fuzz PRIVATE include)
  target_link_libraries(readings_xlsx_fuzz PRIVATE rutile_core rutile_access rutile_engine
                                                   rutile_store PkgConfig::MINIZIP)
  target_compile_options(readings_xlsx_fuzz PRIVATE -fsanitize=fuzzer,address,undefined
                                                    -fno-omit-frame-pointer)
  target_link_options(readings_xlsx_fuzz PRIVATE -fsanitize=fuzzer,address,undefined)
endif()
