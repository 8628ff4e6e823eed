#!/usr/bin/env python3
"""Writes demo_cases.json: synthetic failure cases for demonstrations and tests.

Every case is invented. The scenarios follow well-known titanium behaviour in plating and
chemical baths (see docs/design/cases.md and knowledge/engine/mechanisms.json); figures are
plausible, not measured. Run: python3 knowledge/cases/generate_demo_cases.py
"""
import json
import os

# Each archetype: fields shared by its variants, and narratives per language ({t} = temperature,
# {m} = months in service).
ARCHETYPES = [
    dict(equipment_type="immersion_heater", material="ti_cp", grade="Gr.2", medium="Watts nickel bath",
         components=[("nickel_sulfate", 280), ("nickel_chloride", 45), ("boric_acid", 40)],
         temp=(55, 65), ph=4.2, chloride=13000, fluoride=0, failure_mode="pitting",
         mechanisms=["anodic_breakdown"], morphology="isolated deep pits on the sheath facing the anodes",
         root_cause="stray current: the heater sat between anode basket and rack and became a bipolar electrode",
         actions="heater moved behind a PTFE screen, isolated from the bus bar, earth-leakage monitoring added",
         industry="electroplating", cost="10k_100k_usd", downtime="1d_1w",
         texts={
             "en": "Titanium immersion heater in a Watts nickel tank at {t} °C perforated after {m} months. Pits only on the side facing the anodes; the bath itself is benign to titanium, so stray current was suspected and confirmed by measuring potential.",
             "zh": "镀镍槽（瓦特液，{t}℃）中的钛加热管使用{m}个月后出现点蚀穿孔，蚀坑集中在朝向阳极的一侧。槽液本身对钛无害，测量电位后确认为杂散电流导致的阳极击穿。",
             "es": "Calentador de inmersión de titanio en baño de níquel Watts a {t} °C perforado tras {m} meses. Las picaduras estaban solo en la cara orientada a los ánodos; la causa fue corriente parásita.",
         }),
    dict(equipment_type="immersion_heater", material="ti_cp", grade="Gr.2", medium="hard chromium bath with fluoride catalyst",
         components=[("chromic_acid", 250), ("sulfuric_acid", 1.5), ("sodium_fluorosilicate", 4)],
         temp=(50, 60), ph=0.5, chloride=0, fluoride=1800, failure_mode="fluoride_attack",
         mechanisms=["fluoride_attack"], morphology="general thinning with etched, dull grey surface",
         root_cause="mixed-catalyst chromium bath containing fluorosilicate; fluoride destroys the passive film",
         actions="titanium heaters replaced by PTFE-covered or lead-tin heaters; bath supplier data sheet now checked for fluoride",
         industry="electroplating", cost="10k_100k_usd", downtime="1d_1w",
         texts={
             "en": "Titanium heaters lasted only {m} months in a mixed-catalyst hard chromium bath at {t} °C. The sheath thinned evenly and then split. The catalyst contains fluorosilicate, which attacks titanium.",
             "zh": "含氟硅酸盐催化剂的硬铬槽（{t}℃）中，钛加热器仅使用{m}个月即均匀减薄后开裂。氟离子破坏钛的钝化膜，是典型的氟化物腐蚀。",
             "fr": "Les thermoplongeurs en titane n'ont tenu que {m} mois dans un bain de chrome dur à catalyseur mixte à {t} °C. Le fluorosilicate du catalyseur attaque le titane : amincissement uniforme puis fissuration.",
         }),
    dict(equipment_type="coil", material="ti_cp", grade="Gr.2", medium="hydrochloric acid pickling",
         components=[("hcl", 150)],
         temp=(45, 60), ph=-0.5, chloride=145000, fluoride=0, failure_mode="general_thinning",
         mechanisms=["general_corrosion"], morphology="uniform thinning, wall loss greatest at the hottest turns",
         root_cause="unalloyed titanium is not resistant to hot concentrated hydrochloric acid without an inhibitor or oxidizing ions",
         actions="coil replaced by Gr.7 (Ti-0.15Pd); acid temperature limited; ferric ion content monitored",
         industry="pickling", cost="10k_100k_usd", downtime="1w_1m",
         texts={
             "en": "Gr.2 titanium heating coil in a 15 % hydrochloric acid pickling tank at {t} °C lost most of its wall within {m} months. Uniform attack, worst on the hottest turns.",
             "zh": "15%盐酸酸洗槽（{t}℃）中的二级工业纯钛盘管在{m}个月内壁厚大部分损失，均匀腐蚀，温度最高的几圈最严重。",
             "pt": "Serpentina de titânio Gr.2 em tanque de decapagem com ácido clorídrico a 15 % e {t} °C perdeu a maior parte da parede em {m} meses. Ataque uniforme, pior nas espiras mais quentes.",
         }),
    dict(equipment_type="immersion_heater", material="ti_cp", grade="Gr.2", medium="nitric-hydrofluoric pickling of stainless steel",
         components=[("nitric_acid", 150), ("hydrofluoric_acid", 30)],
         temp=(40, 55), ph=0, chloride=0, fluoride=28000, failure_mode="fluoride_attack",
         mechanisms=["fluoride_attack"], morphology="rapid general dissolution, sheath perforated",
         root_cause="titanium dissolves quickly in any acid containing free hydrofluoric acid",
         actions="titanium excluded from HF-bearing baths; PTFE or graphite heat exchangers installed",
         industry="pickling", cost="lt_10k_usd", downtime="1d_1w",
         texts={
             "en": "A titanium heater installed by mistake in a nitric-hydrofluoric stainless pickling bath at {t} °C was perforated in {m} month(s).",
             "zh": "在不锈钢硝酸-氢氟酸酸洗槽（{t}℃）中误装钛加热器，{m}个月内即被腐蚀穿孔。",
             "ar": "سخان من التيتانيوم رُكّب خطأً في حوض تخليل للفولاذ المقاوم للصدأ يحتوي على حمض النيتريك وحمض الهيدروفلوريك عند {t} درجة مئوية، فانثقب خلال {m} شهر.",
         }),
    dict(equipment_type="heat_exchanger", material="ti_cp", grade="Gr.2", medium="acidified brine",
         components=[("sodium_chloride", 300)],
         temp=(85, 95), ph=3, chloride=180000, fluoride=0, failure_mode="crevice",
         mechanisms=["crevice_corrosion"], morphology="attack confined to gasket and tube-sheet crevices",
         root_cause="hot acidic chloride in tight crevices beyond the limit of unalloyed titanium",
         actions="plates replaced by Gr.7; gasket design changed; brine temperature and pH kept inside the Gr.2 window",
         industry="chlor_alkali", cost="100k_1m_usd", downtime="1w_1m",
         texts={
             "en": "Plate heat exchanger on acidified brine at {t} °C: crevice corrosion under the gaskets after {m} months. Open surfaces were intact.",
             "zh": "酸化盐水板式换热器（{t}℃）运行{m}个月后，垫片下发生缝隙腐蚀，裸露表面完好。",
             "es": "Intercambiador de placas con salmuera acidificada a {t} °C: corrosión por hendidura bajo las juntas tras {m} meses; las superficies abiertas estaban intactas.",
             "fr": "Échangeur à plaques sur saumure acidifiée à {t} °C : corrosion caverneuse sous les joints après {m} mois, surfaces libres intactes.",
         }),
    dict(equipment_type="heat_exchanger", material="ti_cp", grade="Gr.2", medium="seawater cooling",
         components=[("sodium_chloride", 35)],
         temp=(20, 35), ph=8, chloride=19000, fluoride=0, failure_mode="erosion",
         mechanisms=["erosion"], morphology="horseshoe-shaped grooves at tube inlets",
         root_cause="sand-laden seawater at high inlet velocity",
         actions="inlet strainers improved, velocity reduced, tube-end inserts fitted",
         industry="seawater", cost="10k_100k_usd", downtime="1d_1w",
         texts={
             "en": "Titanium condenser tubes on seawater cooling showed inlet erosion after {m} months; water at {t} °C carried sand after dredging nearby.",
             "zh": "海水冷却钛冷凝管运行{m}个月后管口出现冲刷腐蚀，附近疏浚后海水（{t}℃）含沙量高。",
             "pt": "Tubos de titânio de condensador com água do mar mostraram erosão na entrada após {m} meses; a água a {t} °C trazia areia após dragagem próxima.",
             "ar": "ظهر تآكل بالتعرية عند مداخل أنابيب مكثف من التيتانيوم تعمل بمياه البحر بعد {m} شهراً، وكانت المياه عند {t} درجة تحمل رمالاً.",
         }),
    dict(equipment_type="heat_exchanger", material="ti_cp", grade="Gr.2", medium="seawater with cathodic protection",
         components=[("sodium_chloride", 35)],
         temp=(70, 90), ph=8, chloride=19000, fluoride=0, failure_mode="hydriding",
         mechanisms=["hydrogen_embrittlement"], morphology="brittle tube ends, hydride needles in the metallography",
         root_cause="titanium tubes coupled to steel water boxes under impressed-current protection picked up hydrogen above 70 °C",
         actions="cathodic protection potential limited, tubes electrically isolated from the steel water box",
         industry="seawater", cost="100k_1m_usd", downtime="1w_1m",
         texts={
             "en": "Tube ends cracked when expanded during a repair after {m} months; metallography showed hydrides. The titanium was over-protected cathodically at {t} °C.",
             "zh": "运行{m}个月后检修胀管时管端脆裂，金相显示氢化物。钛管在{t}℃下受到过度阴极保护而吸氢。",
             "es": "Los extremos de los tubos se agrietaron al expandirlos durante una reparación tras {m} meses; la metalografía mostró hidruros por sobreprotección catódica a {t} °C.",
         }),
    dict(equipment_type="evaporator", material="ti_cp", grade="Gr.2", medium="caustic soda concentration",
         components=[("sodium_hydroxide", 500)],
         temp=(90, 120), ph=14, chloride=500, fluoride=0, failure_mode="hydriding",
         mechanisms=["alkaline_hydrogen_pickup"], morphology="embrittled tubes without visible wall loss",
         root_cause="hot concentrated caustic lets titanium absorb hydrogen",
         actions="nickel tubes used for the hot caustic stage",
         industry="chlor_alkali", cost="100k_1m_usd", downtime="gt_1m",
         texts={
             "en": "Titanium evaporator tubes in caustic concentration at {t} °C became brittle after {m} months without measurable thinning.",
             "zh": "烧碱浓缩蒸发器钛管在{t}℃下运行{m}个月后变脆，但壁厚几乎无损失。",
             "fr": "Les tubes en titane d'un évaporateur de soude caustique à {t} °C sont devenus fragiles après {m} mois, sans perte d'épaisseur mesurable.",
         }),
    dict(equipment_type="vessel", material="ti_cp", grade="Gr.2", medium="methanol with traces of hydrochloric acid",
         components=[("methanol", 790), ("hcl", 0.5)],
         temp=(25, 60), ph=None, chloride=400, fluoride=0, failure_mode="scc",
         mechanisms=["scc_methanol"], morphology="intergranular cracks in the highly stressed nozzle area",
         root_cause="nearly anhydrous methanol with halide causes stress-corrosion cracking of titanium",
         actions="a minimum water content of the solvent is now controlled",
         industry="chemical", cost="100k_1m_usd", downtime="1w_1m",
         texts={
             "en": "Cracks found at a nozzle of a titanium solvent-recovery vessel after {m} months in dry methanol with halide traces at {t} °C.",
             "zh": "溶剂回收钛容器在含微量卤化物的无水甲醇中（{t}℃）运行{m}个月后，接管处发现裂纹。",
             "pt": "Trincas encontradas em um bocal de vaso de titânio de recuperação de solvente após {m} meses em metanol seco com traços de haletos a {t} °C.",
         }),
    dict(equipment_type="coil", material="ti_cp", grade="Gr.2", medium="sulfuric acid anodizing",
         components=[("sulfuric_acid", 200), ("aluminium_sulfate", 10)],
         temp=(18, 25), ph=0, chloride=50, fluoride=0, failure_mode="weld",
         mechanisms=[], morphology="attack along a discoloured weld seam",
         root_cause="field weld made without trailing gas shield; oxidised and iron-contaminated weld metal",
         actions="weld cut out and redone with full gas shielding; colour acceptance criteria applied",
         industry="anodizing", cost="lt_10k_usd", downtime="lt_1d",
         texts={
             "en": "Cooling coil in a sulfuric anodizing tank at {t} °C leaked at a field weld after {m} months; the seam was blue-grey, showing poor shielding.",
             "zh": "硫酸阳极氧化槽（{t}℃）的钛冷却盘管在{m}个月后于现场焊缝处泄漏，焊缝呈蓝灰色，说明保护气体不足。",
             "es": "El serpentín de refrigeración en un tanque de anodizado sulfúrico a {t} °C fugó en una soldadura de campo tras {m} meses; el cordón era gris azulado por falta de protección gaseosa.",
         }),
    dict(equipment_type="immersion_heater", material="ti_cp", grade="Gr.1", medium="zinc phosphating",
         components=[("phosphoric_acid", 15), ("zinc", 1.5), ("sodium_fluoride", 0.8)],
         temp=(50, 60), ph=2.5, chloride=0, fluoride=400, failure_mode="fluoride_attack",
         mechanisms=["fluoride_attack"], morphology="etched sheath, thinning near the liquid line",
         root_cause="fluoride accelerator added to the phosphating bath",
         actions="heat supplied by an external plate exchanger in stainless steel",
         industry="chemical", cost="lt_10k_usd", downtime="lt_1d",
         texts={
             "en": "Titanium heaters in a zinc phosphating bath at {t} °C thinned within {m} months after the supplier added a fluoride accelerator.",
             "zh": "磷化槽（{t}℃）中的钛加热器在供应商添加含氟促进剂后，{m}个月内明显减薄。",
             "ar": "ترققت سخانات التيتانيوم في حوض الفسفتة بالزنك عند {t} درجة خلال {m} أشهر بعد أن أضاف المورد مسرّعاً يحتوي على الفلوريد.",
         }),
    dict(equipment_type="heat_exchanger", material="ti_cp", grade="Gr.2", medium="wet chlorine gas cooling",
         components=[("chlorine", 3)],
         temp=(40, 80), ph=None, chloride=2000, fluoride=0, failure_mode="other",
         mechanisms=["ignition"], morphology="burnt-through tubes at the gas inlet",
         root_cause="the chlorine became dry during an upset; titanium can ignite in dry chlorine",
         actions="moisture of the chlorine stream is monitored with an interlock",
         industry="chlor_alkali", cost="gt_1m_usd", downtime="gt_1m",
         texts={
             "en": "Titanium chlorine cooler tubes burnt through at the gas inlet after {m} months when a drying upset sent dry chlorine at {t} °C.",
             "zh": "钛制氯气冷却器在运行{m}个月后因干燥工段异常进入干氯气（{t}℃），进气口处管子烧穿。",
             "fr": "Les tubes en titane d'un refroidisseur de chlore ont brûlé à l'entrée du gaz après {m} mois, lors d'un incident qui a envoyé du chlore sec à {t} °C.",
         }),
    dict(equipment_type="immersion_heater", material="ti_cp", grade="Gr.2", medium="electroless nickel",
         components=[("nickel_sulfate", 25), ("sodium_hypophosphite", 30)],
         temp=(85, 92), ph=4.8, chloride=0, fluoride=0, failure_mode="galvanic",
         mechanisms=["hydrogen_embrittlement"], morphology="nickel deposit on the sheath, brittle zones beneath",
         root_cause="heater sheath became plated and coupled; hydrogen from the reduction reaction was absorbed",
         actions="heater passivated with nitric acid between runs and powered through an isolated circuit",
         industry="electroplating", cost="lt_10k_usd", downtime="1d_1w",
         texts={
             "en": "In an electroless nickel tank at {t} °C the titanium heater was plated over and became brittle beneath the deposit after {m} months.",
             "zh": "化学镀镍槽（{t}℃）中钛加热器表面被镀上镍层，{m}个月后镀层下方出现脆化。",
             "pt": "Num tanque de níquel químico a {t} °C, o aquecedor de titânio ficou niquelado e fragilizado sob o depósito após {m} meses.",
         }),
]

REGIONS = ["cn-east", "cn-west", "eu-south"]
SCALES = ["micro", "small", "medium", "large"]
LANG_ORDER = ["en", "zh", "es", "fr", "pt", "ar"]


def main():
    cases = []
    n = 0
    for a_index, a in enumerate(ARCHETYPES):
        langs = [l for l in LANG_ORDER if l in a["texts"]]
        for v in range(5):
            lang = langs[(v + a_index) % len(langs)]
            lo, hi = a["temp"]
            t = lo + (hi - lo) * v // 4
            months = [3, 7, 14, 26, 41][(v + a_index) % 5]
            if a["failure_mode"] == "fluoride_attack":
                months = [1, 2, 3, 2, 4][v]
            year = 2019 + (v + a_index) % 6
            month = 1 + (3 * v + a_index) % 12
            case = {
                "equipment_type": a["equipment_type"],
                "material": a["material"],
                "grade": a["grade"],
                "medium": a["medium"],
                "components": [{"species": s, "concentration_g_per_l": c} for s, c in a["components"]],
                "temperature_c": t,
                "ph": a["ph"],
                "chloride_mg_per_l": a["chloride"],
                "fluoride_mg_per_l": a["fluoride"],
                "service_months": months,
                "failure_mode": a["failure_mode"],
                "mechanism_ids": a["mechanisms"],
                "morphology": a["morphology"],
                "root_cause": a["root_cause"],
                "corrective_actions": a["actions"],
                "cost_band": a["cost"],
                "downtime_band": a["downtime"],
                "occurred_on": f"{year}-{month:02d}-15",
                "region": REGIONS[(v + a_index) % len(REGIONS)],
                "industry": a["industry"],
                "scale": SCALES[(v * 3 + a_index) % len(SCALES)],
                "narrative": "[SYNTHETIC] " + a["texts"][lang].format(t=t, m=months),
                "language": lang,
            }
            cases.append(case)
            n += 1
    doc = {
        "about": "Synthetic failure cases for demonstrations and tests. Invented; no real organization, person or event. Generated by generate_demo_cases.py.",
        "synthetic": True,
        "cases": cases,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo_cases.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{n} cases written to {out}")


if __name__ == "__main__":
    main()
