# Warning bulletins, auto-drafting, delivery to matching equipment owners and the Atom feed.
# Included from CMakeLists.txt of the cases module.
add_library(rutile_cases_bulletins
  atom_feed.cc
  bulletin.cc
  bulletin_json.cc
  bulletin_repository.cc
  bulletin_service.cc
)
target_link_libraries(rutile_cases_bulletins
  PUBLIC rutile_cases rutile_core rutile_access rutile_store rutile_identity Boost::json
  PRIVATE rutile_notifications rutile_texts)

rutile_test(cases_bulletin_test
  SOURCES bulletin_test.cc atom_feed_test.cc
  LIBS rutile_cases_bulletins Boost::json)
rutile_test(cases_bulletin_service_test
  SOURCES bulletin_service_test.cc
  LIBS rutile_cases_bulletins rutile_identity rutile_notifications Boost::json rutile_test_support)
if(TARGET cases_bulletin_service_test)
  target_include_directories(cases_bulletin_service_test PRIVATE
    ${PROJECT_SOURCE_DIR}/tests/cases ${PROJECT_SOURCE_DIR}/tests/store)
  target_compile_definitions(cases_bulletin_service_test PRIVATE
    RUTILE_CASES_CORPUS="${PROJECT_SOURCE_DIR}/tests/cases/planted_corpus.json")
endif()

add_library(rutile_cases_bulletin_routes routes/bulletin_routes.cc)
target_include_directories(rutile_cases_bulletin_routes PUBLIC routes)
target_link_libraries(rutile_cases_bulletin_routes
  PUBLIC rutile_cases_bulletins rutile_http PRIVATE Boost::json)

rutile_test(cases_bulletin_routes_test
  SOURCES routes/bulletin_routes_test.cc
  LIBS rutile_cases_bulletin_routes rutile_identity rutile_notifications Boost::json rutile_test_support)
if(TARGET cases_bulletin_routes_test)
  target_compile_definitions(cases_bulletin_routes_test PRIVATE
    RUTILE_BULLETINS_FRAGMENT="${PROJECT_SOURCE_DIR}/api/fragments/cases-bulletins.json")
endif()
