"""Process maps' part of the benchmark data (klean.extensions ``bench_data``).

Every project of the set that has no current-state map gets one: three
swimlanes and 20 steps (QUALITY.md: 4,000 steps in the reference set's 200
projects, 400,000 in the national set's 20,000), with processing and waiting
times, value classes and waste types, and a yearly case volume — the
organisation dashboard's waste by type is measured over them. Bulk inserts;
running it again adds nothing.
"""

from processes.models import Lane, LaneKind, MapKind, ProcessMap, Step, ValueClass, WasteType

BATCH = 5000
STEPS = 20
LANES = [
    ("Innbygger", LaneKind.ROLE),
    ("Servicetorget", LaneKind.UNIT),
    ("Saksbehandler", LaneKind.ROLE),
]
TITLES = [
    "Motta søknad",
    "Registrere saken",
    "Fordele saken",
    "Kontrollere vedlegg",
    "Be om manglende dokumenter",
    "Vurdere søknaden",
    "Innhente uttalelse",
    "Skrive vedtak",
    "Godkjenne vedtak",
    "Sende vedtak",
]


def build(command, organisations, projects, rng):
    mapped = set(
        ProcessMap.objects.filter(kind=MapKind.CURRENT, project__in=projects).values_list(
            "project_id", flat=True
        )
    )
    todo = [project for project in projects if project.pk not in mapped]
    if not todo:
        return
    maps = ProcessMap.objects.bulk_create(
        [
            ProcessMap(
                project=project,
                name=f"{project.process_name} i dag",
                kind=MapKind.CURRENT,
                yearly_volume=rng.randrange(100, 5000),
            )
            for project in todo
        ],
        batch_size=BATCH,
    )
    lanes = Lane.objects.bulk_create(
        [
            Lane(map=process_map, name=name, kind=kind, order=order)
            for process_map in maps
            for order, (name, kind) in enumerate(LANES)
        ],
        batch_size=BATCH,
    )
    lanes_of = {}
    for lane in lanes:
        lanes_of.setdefault(lane.map_id, []).append(lane)
    classes = [ValueClass.VALUE_ADDING, ValueClass.NECESSARY, ValueClass.WASTE, ""]
    steps = []
    for process_map in maps:
        for order in range(STEPS):
            value_class = rng.choice(classes)
            wastes = rng.sample(WasteType.values, rng.randint(1, 2)) if rng.random() < 0.4 else []
            steps.append(
                Step(
                    map=process_map,
                    lane=rng.choice(lanes_of[process_map.pk]),
                    order=order,
                    title=rng.choice(TITLES),
                    processing_minutes=rng.choice([5, 10, 15, 30, 60, 120]),
                    waiting_minutes=rng.choice([0, 0, 60, 450, 900, 2250]),
                    people=rng.randint(1, 3),
                    value_class=value_class,
                    waste_types=[code for code in WasteType.values if code in wastes],
                )
            )
    Step.objects.bulk_create(steps, batch_size=BATCH)
    command.stdout.write(f"processes: {len(maps)} current-state maps with {len(steps)} steps")
