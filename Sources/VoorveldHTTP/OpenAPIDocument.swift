/// The API's contract (OpenAPI 3.1, in Dutch), served at `/v1/openapi.json`. Edit it together
/// with the routes: `OpenAPIContractTests` checks every route against it and every answer the
/// tests get against its schema.
enum OpenAPIDocument {
    static let json = #"""
{
 "openapi": "3.1.0",
 "info": {
  "title": "Voorveld API",
  "version": "1.0.0",
  "description": "De API van Voorveld: hulpvragen, vrijwilligers en algemene voorzieningen van het voorliggend veld, voor kernteams, vrijwilligerssteunpunten en gemeenten. Volgt de NL API Design Rules: fouten als application/problem+json, elke respons met API-Version, datums volgens ISO 8601.",
  "contact": {
   "name": "Voorveld"
  }
 },
 "servers": [
  {
   "url": "/",
   "description": "Deze server"
  }
 ],
 "security": [
  {
   "bearer": []
  },
  {
   "sessie": []
  }
 ],
 "tags": [
  {
   "name": "gezondheid"
  },
  {
   "name": "api"
  },
  {
   "name": "toegang"
  },
  {
   "name": "gebied"
  },
  {
   "name": "codelijsten"
  },
  {
   "name": "vrijwilligers"
  },
  {
   "name": "voorzieningen"
  },
  {
   "name": "hulpvragen"
  },
  {
   "name": "beheer"
  }
 ],
 "paths": {
  "/health/live": {
   "get": {
    "summary": "Leeft de dienst?",
    "description": "Antwoordt zolang het proces draait.",
    "responses": {
     "200": {
      "description": "Het proces leeft.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Gezondheid"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     }
    },
    "tags": [
     "gezondheid"
    ],
    "security": []
   }
  },
  "/health/ready": {
   "get": {
    "summary": "Kan de dienst werken?",
    "description": "Controleert of de database antwoordt, binnen 2 seconden.",
    "responses": {
     "200": {
      "description": "Klaar.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Gezondheid"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "503": {
      "$ref": "#/components/responses/503"
     }
    },
    "tags": [
     "gezondheid"
    ],
    "security": []
   }
  },
  "/v1/openapi.json": {
   "get": {
    "summary": "Dit document",
    "description": "Het contract van de API (OpenAPI 3.1), zonder inloggen.",
    "responses": {
     "200": {
      "description": "Dit document.",
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "type": "object"
        }
       }
      }
     }
    },
    "tags": [
     "api"
    ],
    "security": []
   }
  },
  "/v1/ik": {
   "get": {
    "summary": "Wie ben ik?",
    "description": "De ingelogde gebruiker met gemeente, rollen en kernteams.",
    "responses": {
     "200": {
      "description": "De gebruiker.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Ik"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     }
    },
    "tags": [
     "toegang"
    ]
   }
  },
  "/v1/kernen": {
   "get": {
    "summary": "Kernen",
    "description": "De kernen van uw gemeente.",
    "responses": {
     "200": {
      "description": "De kernen.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Kernen"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     }
    },
    "tags": [
     "gebied"
    ]
   }
  },
  "/v1/kernteams": {
   "get": {
    "summary": "Kernteams",
    "description": "De kernteams van uw gemeente met hun kernen.",
    "responses": {
     "200": {
      "description": "De kernteams.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Kernteams"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     }
    },
    "tags": [
     "gebied"
    ]
   }
  },
  "/v1/kernteams/{code}": {
   "get": {
    "summary": "Een kernteam",
    "description": "Eén kernteam van uw gemeente.",
    "responses": {
     "200": {
      "description": "Het kernteam.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Kernteam"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "404": {
      "$ref": "#/components/responses/404"
     }
    },
    "tags": [
     "gebied"
    ],
    "parameters": [
     {
      "name": "code",
      "in": "path",
      "required": true,
      "schema": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     }
    ]
   }
  },
  "/v1/leefgebieden": {
   "get": {
    "summary": "Leefgebieden",
    "description": "De 13 leefgebieden van de ZRM 2017.",
    "responses": {
     "200": {
      "description": "De leefgebieden.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Leefgebieden"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     }
    },
    "tags": [
     "codelijsten"
    ]
   }
  },
  "/v1/taken": {
   "get": {
    "summary": "Taken",
    "description": "De takenlijst (administratie, vervoer, ...).",
    "responses": {
     "200": {
      "description": "De taken.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Taken"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     }
    },
    "tags": [
     "codelijsten"
    ]
   }
  },
  "/v1/gebruikers": {
   "get": {
    "summary": "Gebruikers",
    "description": "De gebruikers van uw gemeente. Rollen: beheerder.",
    "responses": {
     "200": {
      "description": "De gebruikers.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Gebruikers"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     }
    },
    "tags": [
     "beheer"
    ]
   }
  },
  "/v1/auditlog": {
   "get": {
    "summary": "Auditlog",
    "description": "Wie wat zag of wijzigde, nieuwste eerst; met Accept: text/csv als CSV. Rollen: beheerder.",
    "responses": {
     "200": {
      "description": "Een pagina van het auditlog.",
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      },
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Auditpagina"
        }
       },
       "text/csv": {
        "schema": {
         "type": "string"
        }
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     }
    },
    "tags": [
     "beheer"
    ],
    "parameters": [
     {
      "name": "gebruiker",
      "in": "query",
      "required": false,
      "description": "Alleen deze gebruiker.",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "van",
      "in": "query",
      "required": false,
      "description": "Vanaf (datum of tijdstip).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "tot",
      "in": "query",
      "required": false,
      "description": "Tot (datum of tijdstip).",
      "schema": {
       "type": "string"
      }
     },
     {
      "name": "voor",
      "in": "query",
      "required": false,
      "description": "Oudere regels dan dit id (volgende pagina).",
      "schema": {
       "type": "integer"
      }
     },
     {
      "name": "limiet",
      "in": "query",
      "required": false,
      "description": "Hoogstens zoveel regels (1-1000).",
      "schema": {
       "type": "integer"
      }
     }
    ]
   }
  },
  "/v1/vrijwilligers": {
   "get": {
    "summary": "Vrijwilligers zoeken",
    "description": "Een pagina vrijwilligers van uw gemeente. Rollen: kernteamlid, steunpunt.",
    "responses": {
     "200": {
      "description": "Een pagina.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/VrijwilligersPagina"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     }
    },
    "tags": [
     "vrijwilligers"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/kern"
     },
     {
      "$ref": "#/components/parameters/leefgebied"
     },
     {
      "$ref": "#/components/parameters/taak"
     },
     {
      "name": "status",
      "in": "query",
      "required": false,
      "description": "Alleen met deze status.",
      "schema": {
       "type": "string",
       "enum": [
        "actief",
        "gepauzeerd",
        "gestopt"
       ]
      }
     },
     {
      "name": "vogVerlooptVoor",
      "in": "query",
      "required": false,
      "description": "Alleen wie geen VOG heeft of een VOG die voor deze datum verloopt.",
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "$ref": "#/components/parameters/pagina"
     },
     {
      "$ref": "#/components/parameters/paginaGrootte"
     }
    ]
   },
   "post": {
    "summary": "Een vrijwilliger toevoegen",
    "description": "Voegt een vrijwilliger toe; elk ongeldig veld wordt in één keer gemeld. Rollen: steunpunt.",
    "responses": {
     "201": {
      "description": "Toegevoegd.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Vrijwilliger"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "409": {
      "$ref": "#/components/responses/409"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "422": {
      "$ref": "#/components/responses/422"
     }
    },
    "tags": [
     "vrijwilligers"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/Idempotency-Key"
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Vrijwilliger"
       }
      }
     },
     "required": true
    }
   }
  },
  "/v1/vrijwilligers/import": {
   "post": {
    "summary": "Vrijwilligers inlezen uit een spreadsheet",
    "description": "Alle regels of geen: eerst wordt elke regel gecontroleerd; bij fouten wordt niets opgeslagen en krijgt u elke foute regel met kolom en reden. Bestaande referenties worden bijgewerkt. Rollen: steunpunt.",
    "responses": {
     "200": {
      "description": "Ingelezen.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Importresultaat"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "422": {
      "$ref": "#/components/responses/422"
     }
    },
    "tags": [
     "vrijwilligers"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
       }
      }
     },
     "description": "Het CSV-bestand (UTF-8 met of zonder BOM, of Windows-1252; komma of puntkomma als scheidingsteken). Kolommen heten als de velden (camelCase of snake_case); lijsten met ; gescheiden, datums JJJJ-MM-DD."
    }
   }
  },
  "/v1/vrijwilligers/{id}": {
   "get": {
    "summary": "Een vrijwilliger lezen",
    "description": "Eén vrijwilliger. Rollen: kernteamlid, steunpunt.",
    "responses": {
     "200": {
      "description": "De gegevens.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Vrijwilliger"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "404": {
      "$ref": "#/components/responses/404"
     }
    },
    "tags": [
     "vrijwilligers"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/id"
     }
    ]
   },
   "put": {
    "summary": "Een vrijwilliger wijzigen",
    "description": "Vervangt alle gegevens; id en versie uit een eerdere GET mogen mee. Rollen: steunpunt.",
    "responses": {
     "200": {
      "description": "Gewijzigd.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Vrijwilliger"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "404": {
      "$ref": "#/components/responses/404"
     },
     "409": {
      "$ref": "#/components/responses/409"
     },
     "412": {
      "$ref": "#/components/responses/412"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "428": {
      "$ref": "#/components/responses/428"
     }
    },
    "tags": [
     "vrijwilligers"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/id"
     },
     {
      "$ref": "#/components/parameters/If-Match"
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Vrijwilliger"
       }
      }
     },
     "required": true
    }
   }
  },
  "/v1/voorzieningen": {
   "get": {
    "summary": "Voorzieningen zoeken",
    "description": "Een pagina voorzieningen van uw gemeente. Rollen: kernteamlid, steunpunt.",
    "responses": {
     "200": {
      "description": "Een pagina.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/VoorzieningenPagina"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     }
    },
    "tags": [
     "voorzieningen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/kern"
     },
     {
      "$ref": "#/components/parameters/leefgebied"
     },
     {
      "$ref": "#/components/parameters/taak"
     },
     {
      "name": "leeftijdsgroep",
      "in": "query",
      "required": false,
      "description": "Alleen voor deze leeftijdsgroep.",
      "schema": {
       "type": "string",
       "enum": [
        "jeugd",
        "volwassenen",
        "ouderen",
        "iedereen"
       ]
      }
     },
     {
      "name": "geverifieerdVoor",
      "in": "query",
      "required": false,
      "description": "Alleen wat voor deze datum voor het laatst is gecontroleerd.",
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "$ref": "#/components/parameters/pagina"
     },
     {
      "$ref": "#/components/parameters/paginaGrootte"
     }
    ]
   },
   "post": {
    "summary": "Een voorziening toevoegen",
    "description": "Voegt een voorziening toe; elk ongeldig veld wordt in één keer gemeld. Rollen: steunpunt.",
    "responses": {
     "201": {
      "description": "Toegevoegd.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Voorziening"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "409": {
      "$ref": "#/components/responses/409"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "422": {
      "$ref": "#/components/responses/422"
     }
    },
    "tags": [
     "voorzieningen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/Idempotency-Key"
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Voorziening"
       }
      }
     },
     "required": true
    }
   }
  },
  "/v1/voorzieningen/import": {
   "post": {
    "summary": "Voorzieningen inlezen uit een spreadsheet",
    "description": "Alle regels of geen: eerst wordt elke regel gecontroleerd; bij fouten wordt niets opgeslagen en krijgt u elke foute regel met kolom en reden. Bestaande referenties worden bijgewerkt. Rollen: steunpunt.",
    "responses": {
     "200": {
      "description": "Ingelezen.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Importresultaat"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "422": {
      "$ref": "#/components/responses/422"
     }
    },
    "tags": [
     "voorzieningen"
    ],
    "requestBody": {
     "required": true,
     "content": {
      "text/csv": {
       "schema": {
        "type": "string"
       }
      }
     },
     "description": "Het CSV-bestand (UTF-8 met of zonder BOM, of Windows-1252; komma of puntkomma als scheidingsteken). Kolommen heten als de velden (camelCase of snake_case); lijsten met ; gescheiden, datums JJJJ-MM-DD."
    }
   }
  },
  "/v1/voorzieningen/{id}": {
   "get": {
    "summary": "Een voorziening lezen",
    "description": "Eén voorziening. Rollen: kernteamlid, steunpunt.",
    "responses": {
     "200": {
      "description": "De gegevens.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Voorziening"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "404": {
      "$ref": "#/components/responses/404"
     }
    },
    "tags": [
     "voorzieningen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/id"
     }
    ]
   },
   "put": {
    "summary": "Een voorziening wijzigen",
    "description": "Vervangt alle gegevens; id en versie uit een eerdere GET mogen mee. Rollen: steunpunt.",
    "responses": {
     "200": {
      "description": "Gewijzigd.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Voorziening"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "404": {
      "$ref": "#/components/responses/404"
     },
     "409": {
      "$ref": "#/components/responses/409"
     },
     "412": {
      "$ref": "#/components/responses/412"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "428": {
      "$ref": "#/components/responses/428"
     }
    },
    "tags": [
     "voorzieningen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/id"
     },
     {
      "$ref": "#/components/parameters/If-Match"
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Voorziening"
       }
      }
     },
     "required": true
    }
   }
  },
  "/v1/voorzieningen/hsds": {
   "get": {
    "summary": "Voorzieningen als Open Referral HSDS",
    "description": "De voorzieningen als HSDS 3.0-diensten, voor hergebruik op een sociale kaart. Zelfde filters als de lijst. Rollen: kernteamlid, steunpunt.",
    "responses": {
     "200": {
      "description": "Een pagina diensten.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/HSDSPagina"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     }
    },
    "tags": [
     "voorzieningen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/kern"
     },
     {
      "$ref": "#/components/parameters/leefgebied"
     },
     {
      "$ref": "#/components/parameters/taak"
     },
     {
      "name": "leeftijdsgroep",
      "in": "query",
      "required": false,
      "description": "Alleen voor deze leeftijdsgroep.",
      "schema": {
       "type": "string",
       "enum": [
        "jeugd",
        "volwassenen",
        "ouderen",
        "iedereen"
       ]
      }
     },
     {
      "name": "geverifieerdVoor",
      "in": "query",
      "required": false,
      "description": "Alleen wat voor deze datum voor het laatst is gecontroleerd.",
      "schema": {
       "type": "string",
       "format": "date"
      }
     },
     {
      "$ref": "#/components/parameters/pagina"
     },
     {
      "$ref": "#/components/parameters/paginaGrootte"
     }
    ]
   }
  },
  "/v1/hulpvragen": {
   "get": {
    "summary": "Hulpvragen van uw kernteams",
    "description": "Een pagina hulpvragen van de kernteams waarvan u lid bent, nieuwste eerst. Rollen: kernteamlid.",
    "responses": {
     "200": {
      "description": "Een pagina.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/HulpvragenPagina"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     }
    },
    "tags": [
     "hulpvragen"
    ],
    "parameters": [
     {
      "name": "kernteam",
      "in": "query",
      "required": false,
      "description": "Alleen van dit kernteam.",
      "schema": {
       "type": "string"
      }
     },
     {
      "$ref": "#/components/parameters/kern"
     },
     {
      "$ref": "#/components/parameters/leefgebied"
     },
     {
      "name": "status",
      "in": "query",
      "required": false,
      "description": "Alleen met deze status.",
      "schema": {
       "type": "string",
       "enum": [
        "nieuw",
        "in-behandeling",
        "gekoppeld",
        "afgesloten"
       ]
      }
     },
     {
      "name": "regisseur",
      "in": "query",
      "required": false,
      "description": "Alleen met deze regisseur.",
      "schema": {
       "type": "string"
      }
     },
     {
      "$ref": "#/components/parameters/pagina"
     },
     {
      "$ref": "#/components/parameters/paginaGrootte"
     }
    ]
   },
   "post": {
    "summary": "Een hulpvraag registreren",
    "description": "Registreert een hulpvraag voor een kernteam waarvan u lid bent. Een Veilig Thuis-signaal gaat direct naar het loket. Elk ongeldig veld wordt in één keer gemeld. Rollen: kernteamlid.",
    "responses": {
     "201": {
      "description": "Geregistreerd.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hulpvraag"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       },
       "Location": {
        "$ref": "#/components/headers/Location"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "422": {
      "$ref": "#/components/responses/422"
     }
    },
    "tags": [
     "hulpvragen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/Idempotency-Key"
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Hulpvraag"
       }
      }
     },
     "required": true
    }
   }
  },
  "/v1/hulpvragen/{id}": {
   "get": {
    "summary": "Een hulpvraag lezen",
    "description": "Alleen voor leden van het kernteam van de hulpvraag; anderen krijgen 404. Rollen: kernteamlid.",
    "responses": {
     "200": {
      "description": "De hulpvraag.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hulpvraag"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      }
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "404": {
      "$ref": "#/components/responses/404"
     }
    },
    "tags": [
     "hulpvragen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/id"
     }
    ]
   },
   "put": {
    "summary": "Een hulpvraag wijzigen",
    "description": "Vervangt de gegevens en eventueel de status; id, versie en doorverwezenNaarLoket uit een eerdere GET mogen mee. Rollen: kernteamlid.",
    "responses": {
     "200": {
      "description": "Gewijzigd.",
      "content": {
       "application/json": {
        "schema": {
         "$ref": "#/components/schemas/Hulpvraag"
        }
       }
      },
      "headers": {
       "API-Version": {
        "$ref": "#/components/headers/API-Version"
       },
       "ETag": {
        "$ref": "#/components/headers/ETag"
       }
      }
     },
     "400": {
      "$ref": "#/components/responses/400"
     },
     "401": {
      "$ref": "#/components/responses/401"
     },
     "403": {
      "$ref": "#/components/responses/403"
     },
     "404": {
      "$ref": "#/components/responses/404"
     },
     "412": {
      "$ref": "#/components/responses/412"
     },
     "415": {
      "$ref": "#/components/responses/415"
     },
     "428": {
      "$ref": "#/components/responses/428"
     }
    },
    "tags": [
     "hulpvragen"
    ],
    "parameters": [
     {
      "$ref": "#/components/parameters/id"
     },
     {
      "$ref": "#/components/parameters/If-Match"
     }
    ],
    "requestBody": {
     "content": {
      "application/json": {
       "schema": {
        "$ref": "#/components/schemas/Hulpvraag"
       }
      }
     },
     "required": true
    }
   }
  }
 },
 "components": {
  "schemas": {
   "Problem": {
    "type": "object",
    "properties": {
     "type": {
      "type": "string"
     },
     "title": {
      "type": "string"
     },
     "status": {
      "type": "integer"
     },
     "detail": {
      "type": "string"
     },
     "instance": {
      "type": "string"
     },
     "checks": {
      "type": "object",
      "additionalProperties": {
       "type": "string"
      }
     },
     "invalidParams": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "name": {
         "type": "string"
        },
        "reason": {
         "type": "string"
        }
       },
       "additionalProperties": false,
       "required": [
        "name",
        "reason"
       ]
      }
     },
     "fouten": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Importfout"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "title",
     "status"
    ],
    "description": "Foutmelding volgens RFC 9457 (application/problem+json)."
   },
   "Importfout": {
    "type": "object",
    "properties": {
     "regel": {
      "type": "integer"
     },
     "kolom": {
      "type": "string"
     },
     "melding": {
      "type": "string"
     }
    },
    "additionalProperties": false,
    "required": [
     "regel",
     "kolom",
     "melding"
    ],
    "description": "Een probleem in één regel van een ingelezen bestand; regel 1 is de kopregel."
   },
   "Gezondheid": {
    "type": "object",
    "properties": {
     "status": {
      "type": "string",
      "enum": [
       "ok"
      ]
     },
     "checks": {
      "type": "object",
      "additionalProperties": {
       "type": "string"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "status",
     "checks"
    ]
   },
   "Ik": {
    "type": "object",
    "properties": {
     "naam": {
      "type": "string"
     },
     "weergavenaam": {
      "type": "string"
     },
     "gemeente": {
      "type": "string"
     },
     "rollen": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Rol"
      }
     },
     "kernteams": {
      "type": "array",
      "items": {
       "type": "string"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "naam",
     "weergavenaam",
     "gemeente",
     "rollen",
     "kernteams"
    ]
   },
   "Rol": {
    "type": "string",
    "enum": [
     "kernteamlid",
     "steunpunt",
     "wethouder",
     "beheerder"
    ]
   },
   "Kern": {
    "type": "object",
    "properties": {
     "gemeente": {
      "type": "string"
     },
     "code": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
     },
     "naam": {
      "type": "string"
     },
     "coordinaten": {
      "type": "object",
      "properties": {
       "latitude": {
        "type": "number"
       },
       "longitude": {
        "type": "number"
       }
      },
      "additionalProperties": false,
      "required": [
       "latitude",
       "longitude"
      ]
     }
    },
    "additionalProperties": false,
    "required": [
     "gemeente",
     "code",
     "naam"
    ]
   },
   "Kernteam": {
    "type": "object",
    "properties": {
     "gemeente": {
      "type": "string"
     },
     "code": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
     },
     "naam": {
      "type": "string"
     },
     "kernen": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "gemeente",
     "code",
     "naam",
     "kernen"
    ]
   },
   "Leefgebied": {
    "type": "object",
    "properties": {
     "code": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
     },
     "naam": {
      "type": "string"
     },
     "volgorde": {
      "type": "integer"
     }
    },
    "additionalProperties": false,
    "required": [
     "code",
     "naam",
     "volgorde"
    ],
    "description": "Een leefgebied van de Zelfredzaamheidsmatrix 2017."
   },
   "Taak": {
    "type": "object",
    "properties": {
     "code": {
      "type": "string",
      "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
     },
     "naam": {
      "type": "string"
     }
    },
    "additionalProperties": false,
    "required": [
     "code",
     "naam"
    ]
   },
   "Gebruiker": {
    "type": "object",
    "properties": {
     "naam": {
      "type": "string"
     },
     "weergavenaam": {
      "type": "string"
     },
     "gemeente": {
      "type": "string"
     },
     "rollen": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Rol"
      }
     },
     "kernteams": {
      "type": "array",
      "items": {
       "type": "string"
      }
     },
     "uitgeschakeld": {
      "type": "boolean"
     }
    },
    "additionalProperties": false,
    "required": [
     "naam",
     "weergavenaam",
     "gemeente",
     "rollen",
     "kernteams",
     "uitgeschakeld"
    ]
   },
   "Auditregel": {
    "type": "object",
    "properties": {
     "id": {
      "type": "integer"
     },
     "tijdstip": {
      "type": [
       "string",
       "number"
      ]
     },
     "gebruiker": {
      "type": "string"
     },
     "rol": {
      "$ref": "#/components/schemas/Rol"
     },
     "actie": {
      "type": "string"
     },
     "objectType": {
      "type": "string"
     },
     "objectId": {
      "type": "string"
     },
     "doel": {
      "type": "string"
     },
     "resultaat": {
      "type": "string",
      "enum": [
       "toegestaan",
       "geweigerd",
       "niet-gevonden",
       "mislukt"
      ]
     },
     "requestId": {
      "type": "string"
     }
    },
    "additionalProperties": false,
    "required": [
     "gebruiker",
     "actie",
     "objectType",
     "doel",
     "resultaat"
    ]
   },
   "Vrijwilliger": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "versie": {
      "type": "integer"
     },
     "referentie": {
      "type": "string",
      "maxLength": 64,
      "description": "De eigen sleutel van het steunpunt; uniek in de gemeente."
     },
     "voornaam": {
      "type": "string"
     },
     "achternaam": {
      "type": "string"
     },
     "email": {
      "type": "string",
      "format": "email"
     },
     "telefoon": {
      "type": "string"
     },
     "kern": {
      "type": "string",
      "description": "Woonkern."
     },
     "buurkernen": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      },
      "description": "Andere kernen waar de vrijwilliger wil helpen."
     },
     "maxAfstandKm": {
      "type": "integer",
      "minimum": 1,
      "maximum": 100
     },
     "leefgebieden": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     },
     "taken": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     },
     "beschikbaarheid": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "ma-ochtend",
        "ma-middag",
        "ma-avond",
        "di-ochtend",
        "di-middag",
        "di-avond",
        "wo-ochtend",
        "wo-middag",
        "wo-avond",
        "do-ochtend",
        "do-middag",
        "do-avond",
        "vr-ochtend",
        "vr-middag",
        "vr-avond",
        "za-ochtend",
        "za-middag",
        "za-avond",
        "zo-ochtend",
        "zo-middag",
        "zo-avond"
       ]
      },
      "description": "Dagdelen per week waarop de vrijwilliger kan."
     },
     "afwezigheden": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^\\d{4}-\\d{2}-\\d{2}/\\d{4}-\\d{2}-\\d{2}$",
       "description": "Periode van afwezigheid (van/tot, beide inbegrepen)."
      }
     },
     "langsteInzet": {
      "type": "string",
      "enum": [
       "eenmalig",
       "kortdurend",
       "langdurig",
       "onbepaald"
      ],
      "description": "eenmalig; kortdurend (tot 3 maanden); langdurig; onbepaald"
     },
     "urenPerWeek": {
      "type": "integer",
      "minimum": 1,
      "maximum": 40
     },
     "maxHulpvragen": {
      "type": "integer",
      "minimum": 1,
      "maximum": 20,
      "description": "Hoeveel hulpvragen tegelijk (capaciteit)."
     },
     "vogDatum": {
      "type": "string",
      "format": "date",
      "description": "Datum van de Verklaring Omtrent het Gedrag; 3 jaar geldig."
     },
     "status": {
      "type": "string",
      "enum": [
       "actief",
       "gepauzeerd",
       "gestopt"
      ]
     }
    },
    "additionalProperties": false,
    "required": [
     "referentie",
     "voornaam",
     "achternaam",
     "kern",
     "buurkernen",
     "leefgebieden",
     "taken",
     "beschikbaarheid",
     "afwezigheden",
     "langsteInzet",
     "urenPerWeek",
     "maxHulpvragen",
     "status"
    ]
   },
   "Voorziening": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "versie": {
      "type": "integer"
     },
     "referentie": {
      "type": "string",
      "maxLength": 64
     },
     "aanbieder": {
      "type": "string"
     },
     "naam": {
      "type": "string"
     },
     "omschrijving": {
      "type": "string",
      "maxLength": 2000
     },
     "kernen": {
      "type": "array",
      "items": {
       "type": "string"
      },
      "description": "De kernen die de voorziening bedient; leeg, of * bij invoer, voor de hele gemeente."
     },
     "heleGemeente": {
      "type": "boolean"
     },
     "leefgebieden": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     },
     "taken": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     },
     "openingsdagdelen": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "ma-ochtend",
        "ma-middag",
        "ma-avond",
        "di-ochtend",
        "di-middag",
        "di-avond",
        "wo-ochtend",
        "wo-middag",
        "wo-avond",
        "do-ochtend",
        "do-middag",
        "do-avond",
        "vr-ochtend",
        "vr-middag",
        "vr-avond",
        "za-ochtend",
        "za-middag",
        "za-avond",
        "zo-ochtend",
        "zo-middag",
        "zo-avond"
       ]
      }
     },
     "leeftijdsgroep": {
      "type": "string",
      "enum": [
       "jeugd",
       "volwassenen",
       "ouderen",
       "iedereen"
      ]
     },
     "capaciteit": {
      "type": "integer",
      "minimum": 1,
      "description": "Plaatsen tegelijk, als die beperkt zijn."
     },
     "contact": {
      "type": "string"
     },
     "laatstGeverifieerd": {
      "type": "string",
      "format": "date",
      "description": "Wanneer de gegevens voor het laatst zijn gecontroleerd; na een jaar verouderd."
     },
     "verouderd": {
      "type": "boolean",
      "description": "Alleen in lijsten: langer dan een jaar niet gecontroleerd."
     }
    },
    "additionalProperties": false,
    "required": [
     "referentie",
     "aanbieder",
     "naam",
     "omschrijving",
     "kernen",
     "heleGemeente",
     "leefgebieden",
     "taken",
     "openingsdagdelen",
     "leeftijdsgroep",
     "contact",
     "laatstGeverifieerd"
    ]
   },
   "Hulpvraag": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string",
      "format": "uuid"
     },
     "versie": {
      "type": "integer"
     },
     "dossierreferentie": {
      "type": "string",
      "maxLength": 64,
      "description": "Verwijzing naar het dossier in het eigen regiesysteem van de gemeente; nooit een BSN."
     },
     "initialen": {
      "type": "string",
      "maxLength": 12
     },
     "geboortejaar": {
      "type": "integer",
      "minimum": 1900
     },
     "regisseur": {
      "type": "string",
      "description": "Het kernteamlid dat het vaste aanspreekpunt is (één huishouden, één plan, één regisseur); standaard wie registreert."
     },
     "kernteam": {
      "type": "string",
      "description": "Standaard het kernteam van de kern."
     },
     "kern": {
      "type": "string"
     },
     "kanaal": {
      "type": "string",
      "enum": [
       "telefoon",
       "e-mail",
       "inloopspreekuur",
       "melding-derde",
       "via-loket"
      ]
     },
     "ontvangenOp": {
      "type": "string",
      "format": "date",
      "description": "Standaard vandaag; niet in de toekomst."
     },
     "leefgebieden": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     },
     "zrmScores": {
      "type": "object",
      "additionalProperties": {
       "type": "integer",
       "minimum": 1,
       "maximum": 5
      },
      "description": "ZRM-score (1-5) bij intake per leefgebied van deze hulpvraag."
     },
     "taken": {
      "type": "array",
      "items": {
       "type": "string",
       "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"
      }
     },
     "dagdelen": {
      "type": "array",
      "items": {
       "type": "string",
       "enum": [
        "ma-ochtend",
        "ma-middag",
        "ma-avond",
        "di-ochtend",
        "di-middag",
        "di-avond",
        "wo-ochtend",
        "wo-middag",
        "wo-avond",
        "do-ochtend",
        "do-middag",
        "do-avond",
        "vr-ochtend",
        "vr-middag",
        "vr-avond",
        "za-ochtend",
        "za-middag",
        "za-avond",
        "zo-ochtend",
        "zo-middag",
        "zo-avond"
       ]
      },
      "description": "Wanneer de hulp nodig is."
     },
     "duur": {
      "type": "string",
      "enum": [
       "eenmalig",
       "kortdurend",
       "langdurig",
       "onbepaald"
      ],
      "description": "eenmalig; kortdurend (tot 3 maanden); langdurig; onbepaald"
     },
     "urenPerWeek": {
      "type": "integer",
      "minimum": 1,
      "maximum": 40
     },
     "jeugd": {
      "type": "boolean",
      "description": "Gaat vooral over een jongere onder de 18."
     },
     "toestemmingVrijwilliger": {
      "type": "boolean",
      "description": "De inwoner stemt in met inzet van een vrijwilliger; zonder toestemming wordt geen vrijwilliger gekoppeld."
     },
     "gezamenlijkHuisbezoek": {
      "type": "boolean",
      "description": "Er was een gezamenlijk huisbezoek met het loket."
     },
     "veiligThuis": {
      "type": "boolean",
      "description": "Signaal voor Veilig Thuis: direct naar het loket, nooit naar een vrijwilliger; blijft vastgelegd."
     },
     "omschrijving": {
      "type": "string",
      "maxLength": 2000
     },
     "status": {
      "type": "string",
      "enum": [
       "nieuw",
       "in-behandeling",
       "gekoppeld",
       "afgesloten"
      ],
      "description": "Bij registreren altijd nieuw; gekoppeld volgt uit een koppeling."
     },
     "doorverwezenNaarLoket": {
      "type": "boolean",
      "description": "Alleen-lezen: doorverwezen naar het loket (bij een Veilig Thuis-signaal direct)."
     }
    },
    "additionalProperties": false,
    "required": [
     "initialen",
     "regisseur",
     "kernteam",
     "kern",
     "kanaal",
     "ontvangenOp",
     "leefgebieden",
     "zrmScores",
     "taken",
     "dagdelen",
     "duur",
     "jeugd",
     "toestemmingVrijwilliger",
     "gezamenlijkHuisbezoek",
     "veiligThuis",
     "omschrijving",
     "status",
     "doorverwezenNaarLoket"
    ]
   },
   "Importresultaat": {
    "type": "object",
    "properties": {
     "geimporteerd": {
      "type": "integer",
      "minimum": 0
     }
    },
    "additionalProperties": false,
    "required": [
     "geimporteerd"
    ]
   },
   "HSDSPagina": {
    "type": "object",
    "properties": {
     "total_items": {
      "type": "integer"
     },
     "total_pages": {
      "type": "integer"
     },
     "page_number": {
      "type": "integer"
     },
     "size": {
      "type": "integer"
     },
     "first_page": {
      "type": "boolean"
     },
     "last_page": {
      "type": "boolean"
     },
     "empty": {
      "type": "boolean"
     },
     "contents": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/HSDSService"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "total_items",
     "total_pages",
     "page_number",
     "size",
     "first_page",
     "last_page",
     "empty",
     "contents"
    ],
    "description": "Een pagina diensten volgens Open Referral HSDS 3.0."
   },
   "HSDSService": {
    "type": "object",
    "properties": {
     "id": {
      "type": "string"
     },
     "organization": {
      "type": "object",
      "properties": {
       "id": {
        "type": "string"
       },
       "name": {
        "type": "string"
       },
       "description": {
        "type": "string"
       }
      },
      "additionalProperties": false,
      "required": [
       "id",
       "name",
       "description"
      ]
     },
     "name": {
      "type": "string"
     },
     "description": {
      "type": "string"
     },
     "status": {
      "type": "string",
      "enum": [
       "active"
      ]
     },
     "email": {
      "type": "string"
     },
     "url": {
      "type": "string"
     },
     "eligibility_description": {
      "type": "string"
     },
     "assured_date": {
      "type": "string",
      "format": "date"
     },
     "service_areas": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "name": {
         "type": "string"
        },
        "description": {
         "type": "string"
        }
       },
       "additionalProperties": false,
       "required": [
        "id",
        "name",
        "description"
       ]
      }
     },
     "schedules": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "freq": {
         "type": "string",
         "enum": [
          "WEEKLY"
         ]
        },
        "byday": {
         "type": "string",
         "enum": [
          "MO",
          "TU",
          "WE",
          "TH",
          "FR",
          "SA",
          "SU"
         ]
        },
        "description": {
         "type": "string"
        }
       },
       "additionalProperties": false,
       "required": [
        "id",
        "freq",
        "byday",
        "description"
       ]
      }
     },
     "phones": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "number": {
         "type": "string"
        }
       },
       "additionalProperties": false,
       "required": [
        "id",
        "number"
       ]
      }
     },
     "attributes": {
      "type": "array",
      "items": {
       "type": "object",
       "properties": {
        "id": {
         "type": "string"
        },
        "taxonomy_term": {
         "type": "object",
         "properties": {
          "id": {
           "type": "string"
          },
          "code": {
           "type": "string"
          },
          "name": {
           "type": "string"
          },
          "vocabulary": {
           "type": "string"
          }
         },
         "additionalProperties": false,
         "required": [
          "id",
          "code",
          "name",
          "vocabulary"
         ]
        }
       },
       "additionalProperties": false,
       "required": [
        "id",
        "taxonomy_term"
       ]
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "id",
     "organization",
     "name",
     "description",
     "status",
     "assured_date",
     "service_areas",
     "schedules",
     "phones",
     "attributes"
    ]
   },
   "VrijwilligersPagina": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Vrijwilliger"
      }
     },
     "pagina": {
      "type": "integer",
      "minimum": 1
     },
     "paginaGrootte": {
      "type": "integer",
      "minimum": 1,
      "maximum": 200
     },
     "totaal": {
      "type": "integer",
      "minimum": 0
     }
    },
    "additionalProperties": false,
    "required": [
     "items",
     "pagina",
     "paginaGrootte",
     "totaal"
    ]
   },
   "VoorzieningenPagina": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Voorziening"
      }
     },
     "pagina": {
      "type": "integer",
      "minimum": 1
     },
     "paginaGrootte": {
      "type": "integer",
      "minimum": 1,
      "maximum": 200
     },
     "totaal": {
      "type": "integer",
      "minimum": 0
     }
    },
    "additionalProperties": false,
    "required": [
     "items",
     "pagina",
     "paginaGrootte",
     "totaal"
    ]
   },
   "HulpvragenPagina": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Hulpvraag"
      }
     },
     "pagina": {
      "type": "integer",
      "minimum": 1
     },
     "paginaGrootte": {
      "type": "integer",
      "minimum": 1,
      "maximum": 200
     },
     "totaal": {
      "type": "integer",
      "minimum": 0
     }
    },
    "additionalProperties": false,
    "required": [
     "items",
     "pagina",
     "paginaGrootte",
     "totaal"
    ]
   },
   "Kernen": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Kern"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "items"
    ]
   },
   "Kernteams": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Kernteam"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "items"
    ]
   },
   "Leefgebieden": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Leefgebied"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "items"
    ]
   },
   "Taken": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Taak"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "items"
    ]
   },
   "Gebruikers": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Gebruiker"
      }
     }
    },
    "additionalProperties": false,
    "required": [
     "items"
    ]
   },
   "Auditpagina": {
    "type": "object",
    "properties": {
     "items": {
      "type": "array",
      "items": {
       "$ref": "#/components/schemas/Auditregel"
      }
     },
     "volgende": {
      "type": "integer"
     }
    },
    "additionalProperties": false,
    "required": [
     "items"
    ]
   }
  },
  "parameters": {
   "id": {
    "name": "id",
    "in": "path",
    "required": true,
    "schema": {
     "type": "string",
     "format": "uuid"
    }
   },
   "pagina": {
    "name": "pagina",
    "in": "query",
    "required": false,
    "description": "Paginanummer, vanaf 1.",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "default": 1
    }
   },
   "paginaGrootte": {
    "name": "paginaGrootte",
    "in": "query",
    "required": false,
    "description": "Aantal per pagina.",
    "schema": {
     "type": "integer",
     "minimum": 1,
     "maximum": 200,
     "default": 50
    }
   },
   "kern": {
    "name": "kern",
    "in": "query",
    "required": false,
    "description": "Alleen wat deze kern bedient (code).",
    "schema": {
     "type": "string"
    }
   },
   "leefgebied": {
    "name": "leefgebied",
    "in": "query",
    "required": false,
    "description": "Alleen met dit leefgebied (code).",
    "schema": {
     "type": "string"
    }
   },
   "taak": {
    "name": "taak",
    "in": "query",
    "required": false,
    "description": "Alleen met deze taak (code).",
    "schema": {
     "type": "string"
    }
   },
   "Idempotency-Key": {
    "name": "Idempotency-Key",
    "in": "header",
    "required": false,
    "schema": {
     "type": "string",
     "minLength": 1,
     "maxLength": 200
    },
    "description": "Maakt het verzoek veilig om te herhalen: een herhaling met dezelfde sleutel krijgt het eerste antwoord (met Idempotent-Replayed: true) en maakt niets dubbel. Een sleutel is 24 uur geldig, per gebruiker."
   },
   "If-Match": {
    "name": "If-Match",
    "in": "header",
    "required": true,
    "schema": {
     "type": "string"
    },
    "description": "De ETag van de versie die u wijzigt; 412 als iemand anders intussen wijzigde."
   }
  },
  "responses": {
   "400": {
    "description": "Ongeldige invoer; invalidParams noemt elk ongeldig veld.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "401": {
    "description": "Niet ingelogd: stuur een geldig token (Authorization: Bearer ...) of log in.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "403": {
    "description": "Uw rol geeft hier geen toegang toe.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "404": {
    "description": "Niet gevonden (ook als het bestaat maar buiten uw gemeente of kernteam valt).",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "409": {
    "description": "Conflict: de referentie bestaat al.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "412": {
    "description": "Iemand anders heeft intussen gewijzigd, of If-Match is ongeldig; de ETag-header geeft de huidige versie.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "415": {
    "description": "Verkeerd Content-Type.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "422": {
    "description": "Het bestand is niet ingelezen (fouten noemt elke foute regel), of de Idempotency-Key hoort bij een ander verzoek.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "428": {
    "description": "If-Match ontbreekt.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   },
   "503": {
    "description": "De database is niet bereikbaar.",
    "headers": {
     "API-Version": {
      "$ref": "#/components/headers/API-Version"
     }
    },
    "content": {
     "application/problem+json": {
      "schema": {
       "$ref": "#/components/schemas/Problem"
      }
     }
    }
   }
  },
  "headers": {
   "API-Version": {
    "description": "De versie van deze API.",
    "schema": {
     "type": "string",
     "example": "1.0.0"
    }
   },
   "ETag": {
    "description": "De versie van het record; stuur mee in If-Match bij wijzigen.",
    "schema": {
     "type": "string"
    }
   },
   "Location": {
    "description": "Het adres van het nieuwe record.",
    "schema": {
     "type": "string"
    }
   }
  },
  "securitySchemes": {
   "bearer": {
    "type": "http",
    "scheme": "bearer",
    "description": "Een API-token (voorveld token create)."
   },
   "sessie": {
    "type": "apiKey",
    "in": "cookie",
    "name": "__Host-voorveld-sessie",
    "description": "De sessie na inloggen op /inloggen."
   }
  }
 }
}
"""#
}
